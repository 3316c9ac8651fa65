// Size levers, measured: builds the page from a scratch copy of a commit once per variant
// (release profile settings, wasm-opt level, the standard library rebuilt or not) and prints the sizes; then, with --crates, which
// crates the wasm's bytes belong to (twiggy on a build that keeps function names).
// Nothing in the repository is changed: every edit is made in the scratch copy.
//
//   node bench/levers.mjs [--commit REV] [--scratch DIR] [--only name,name] [--crates] [--no-variants]
//                         [--experiments]   # also source-level experiments (x-…), see EXPERIMENTS
//                         [--crates-with no-serde,tracing-off]   # the crate split after experiments
//
// Needs the tools of scripts/setup (trunk, wasm-bindgen, node_modules/.bin/wasm-opt); --crates also
// needs twiggy (`cargo install twiggy`). Results: bench/out/levers.json. Each build takes ~1 min.
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizesOf } from './measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const o = { commit: 'HEAD', scratch: path.join(os.tmpdir(), 'css-bench-levers'), only: null, crates: false, variants: true, experiments: false };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--commit') o.commit = argv[++i];
    else if (a === '--scratch') o.scratch = path.resolve(argv[++i]);
    else if (a === '--only') o.only = argv[++i].split(',');
    else if (a === '--crates') o.crates = true;
    else if (a === '--no-variants') o.variants = false;
    else if (a === '--experiments') o.experiments = true;
    else if (a === '--crates-with') { o.crates = true; o.cratesWith = argv[++i].split(','); }
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(0, 9).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

// --- edits made in the scratch copy -----------------------------------------------------------

/** Sets (value) or removes (null) keys of Cargo.toml's [profile.release]. */
function setProfile(toml, changes) {
  const lines = toml.split('\n');
  let start = lines.findIndex((l) => l.trim() === '[profile.release]');
  if (start < 0) {
    lines.push('', '[profile.release]');
    start = lines.length - 1;
  }
  let end = lines.findIndex((l, i) => i > start && /^\s*\[/.test(l));
  if (end < 0) end = lines.length;
  for (const [key, value] of Object.entries(changes)) {
    const i = lines.findIndex((l, j) => j > start && j < end && new RegExp(`^\\s*${key}\\s*=`).test(l));
    if (value === null) {
      if (i >= 0) { lines.splice(i, 1); end--; }
    } else if (i >= 0) lines[i] = `${key} = ${value}`;
    else { lines.splice(end, 0, `${key} = ${value}`); end++; }
  }
  return lines.join('\n');
}

/** Sets (value) or removes (null) an attribute of the `rel="rust"` link in index.html. */
function setRustLink(html, attr, value) {
  return html.replace(/<link\b[^>]*\brel="rust"[^>]*>/s, (link) => {
    const re = new RegExp(`\\s+${attr}="[^"]*"`, 's');
    const without = link.replace(re, '');
    if (value === null) return without;
    return without.replace(/\s*\/?>$/, (end) => ` ${attr}="${value}"${end}`);
  });
}

const cargo = (changes) => ({ cargo: changes });
const VARIANTS = [
  { name: 'as-committed', what: 'the repository as committed (scripts/build where it has one)', edit: {} },
  {
    name: 'no-build-std', what: 'plain trunk build --release: the stable std (panic messages, locations, Debug)',
    edit: { build: 'plain' },
  },
  {
    name: 'build-std', what: 'scripts/build: -Zbuild-std, -Cpanic=immediate-abort, no locations, no Debug fmt',
    edit: { build: 'build-std' },
  },
  { name: 'opt-s', what: 'opt-level = "s"', edit: cargo({ 'opt-level': '"s"' }) },
  { name: 'opt-3', what: 'opt-level = 3', edit: cargo({ 'opt-level': '3' }) },
  { name: 'no-lto', what: 'lto = false', edit: cargo({ lto: 'false' }) },
  { name: 'lto-thin', what: 'lto = "thin"', edit: cargo({ lto: '"thin"' }) },
  { name: 'cgu-default', what: 'codegen-units left at the default (16)', edit: cargo({ 'codegen-units': null }) },
  { name: 'panic-unwind', what: 'panic left at the default', edit: cargo({ panic: null }) },
  { name: 'no-strip', what: 'strip left at the default', edit: cargo({ strip: null }) },
  {
    name: 'cargo-defaults', what: 'no [profile.release] settings (opt-level 3, no LTO, 16 CGUs)',
    edit: cargo({ 'opt-level': null, lto: null, 'codegen-units': null, panic: null, strip: null }),
  },
  // wasm-opt: the level (data-wasm-opt) and the flags after the --enable-… ones (data-wasm-opt-params).
  { name: 'wasm-opt-off', what: 'data-wasm-opt="0" (no wasm-opt)', edit: { wasmOpt: '0', wasmOptFlags: '' } },
  { name: 'wasm-opt-1', what: 'data-wasm-opt="1", no other flags', edit: { wasmOpt: '1', wasmOptFlags: '' } },
  { name: 'wasm-opt-2', what: 'data-wasm-opt="2", no other flags', edit: { wasmOpt: '2', wasmOptFlags: '' } },
  { name: 'wasm-opt-4', what: 'data-wasm-opt="4", no other flags', edit: { wasmOpt: '4', wasmOptFlags: '' } },
  { name: 'wasm-opt-s', what: 'data-wasm-opt="s", no other flags', edit: { wasmOpt: 's', wasmOptFlags: '' } },
  { name: 'wasm-opt-z', what: 'data-wasm-opt="z", no other flags', edit: { wasmOpt: 'z', wasmOptFlags: '' } },
  { name: 'wasm-opt-z-converge', what: '-Oz --converge', edit: { wasmOpt: 'z', wasmOptFlags: '--converge' } },
  { name: 'wasm-opt-z-gufa', what: '-Oz --gufa -Oz', edit: { wasmOpt: 'z', wasmOptFlags: '--gufa -Oz' } },
  { name: 'wasm-opt-z-strip-producers', what: '-Oz --strip-producers', edit: { wasmOpt: 'z', wasmOptFlags: '--strip-producers' } },
  {
    name: 'wasm-opt-z-no-inlining', what: '-Oz --skip-pass=inlining-optimizing',
    edit: { wasmOpt: 'z', wasmOptFlags: '--skip-pass=inlining-optimizing' },
  },
  {
    name: 'wasm-opt-z-no-merging', what: '-Oz --skip-pass=merge-similar-functions',
    edit: { wasmOpt: 'z', wasmOptFlags: '--skip-pass=merge-similar-functions' },
  },
  {
    name: 'wasm-opt-1-converge', what: '-O1 --converge', edit: { wasmOpt: '1', wasmOptFlags: '--converge' },
  },
  {
    name: 'wasm-opt-gufa', what: 'as committed plus --gufa -Oz --skip-pass=inlining-optimizing',
    edit: { wasmOptParamsAppend: '--gufa -Oz --skip-pass=inlining-optimizing' },
  },
  {
    name: 'no-optimize-for-size', what: 'scripts/build without the std feature optimize_for_size',
    edit: { buildScript: ['export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size\n', ''] },
  },
  {
    name: 'rustc-no-mir-inlining', what: 'scripts/build plus -Zinline-mir=no',
    edit: { buildScript: ['-Zfmt-debug=none"', '-Zfmt-debug=none -Zinline-mir=no"'] },
  },
  {
    name: 'rustc-inline-threshold-0', what: 'scripts/build plus -Cllvm-args=-inline-threshold=0',
    edit: { buildScript: ['-Zfmt-debug=none"', '-Zfmt-debug=none -Cllvm-args=-inline-threshold=0"'] },
  },
  {
    name: 'no-levers', what: 'cargo defaults and no wasm-opt',
    edit: { cargo: { 'opt-level': null, lto: null, 'codegen-units': null, panic: null, strip: null }, wasmOpt: '0', wasmOptFlags: '' },
  },
];

// Source-level experiments (opt-in with --experiments): each edits the scratch copy's sources and
// is skipped when the code it expects is no longer there. Their diffs are in bench/README.md.
function replaceOnce(file, from, to) {
  const s = fs.readFileSync(file, 'utf8');
  if (!s.includes(from)) throw new Error(`not applicable at this commit: ${path.basename(file)} has changed`);
  fs.writeFileSync(file, s.replace(from, to));
}
const EXPERIMENTS = {
  /**
   * Mount options read with js_sys::Object::entries instead of serde-wasm-bindgen; numbers are
   * written by JS (Number.prototype.toString), so neither serde nor Rust's float formatting is linked.
   */
  'no-serde': (dir) => {
    const mount = path.join(dir, 'src/app/mount.rs');
    replaceOnce(mount, 'use std::collections::BTreeMap;\n', '');
    replaceOnce(mount, 'use serde::Deserialize;\n', '');
    const s = fs.readFileSync(mount, 'utf8');
    const from = s.indexOf('/// Option values a JS host may pass: text, flags or numbers.');
    const to = s.indexOf('/// A mounted form, returned to JS hosts.');
    if (from < 0 || to < 0) throw new Error('not applicable at this commit: mount.rs has changed');
    fs.writeFileSync(mount, s.slice(0, from) + `/// Reads a JS options object (\`{apiBase: "/x", hideToken: true}\`) as key/value pairs, in key
/// order: text as is, flags as \`true\`/\`false\`, numbers as JS writes them. Read through js_sys,
/// not serde: serde-wasm-bindgen links serde and Rust's float formatting (~15 KB of gzipped wasm).
fn option_pairs(options: JsValue) -> Result<Vec<(String, String)>, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Vec::new());
    }
    if !options.is_object() {
        return Err(JsError::new("css-snapshot-form: bad options: expected an object"));
    }
    let mut pairs = Vec::new();
    for entry in js_sys::Object::entries(options.unchecked_ref()).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let key = entry.get(0).as_string().unwrap_or_default();
        let value = entry.get(1);
        let text = if let Some(t) = value.as_string() {
            t
        } else if let Some(b) = value.as_bool() {
            b.to_string()
        } else if value.as_f64().is_some() {
            value
                .unchecked_into::<js_sys::Number>()
                .to_string_with_radix(10)
                .map(String::from)
                .unwrap_or_default()
        } else if value.is_undefined() {
            continue;
        } else {
            return Err(JsError::new(&format!(
                "css-snapshot-form: bad options: {key}: expected text, a flag or a number"
            )));
        };
        pairs.push((key, text));
    }
    pairs.sort();
    Ok(pairs)
}

` + s.slice(to));
    replaceOnce(path.join(dir, 'Cargo.toml'), 'serde = { version = "1", default-features = false, features = ["derive"] }\nserde-wasm-bindgen = "0.6.5"\n', '');
  },
  /** Yew's tracing events compiled out in release builds (a Cargo.toml line; no code change). */
  'tracing-off': (dir) => {
    const anchor = 'gloo-net = { version = "0.7.0", default-features = false, features = ["http"] }\n';
    replaceOnce(path.join(dir, 'Cargo.toml'), anchor, `${anchor}# Not used directly: compiles out the tracing events inside Yew (smaller wasm).
tracing = { version = "0.1", default-features = false, features = ["release_max_level_off"] }
`);
  },
  /** The one Unicode case conversion (of an English constant) made ASCII: drops core's case tables. */
  'ascii-lowercase': (dir) => {
    const text = path.join(dir, 'src/text.rs');
    const line = '                (_, Some(s)) => format!("{} {}: {}", s.code, s.name, self.ui(Ui::Failed).to_lowercase()),\n';
    if (fs.readFileSync(text, 'utf8').includes(line)) {
      // As rustfmt (max_width 110) lays it out.
      replaceOnce(text, line, `                (_, Some(s)) => {
                    format!("{} {}: {}", s.code, s.name, self.ui(Ui::Failed).to_ascii_lowercase())
                }
`);
    } else {
      replaceOnce(text, 'self.ui(Ui::Failed).to_lowercase()', 'self.ui(Ui::Failed).to_ascii_lowercase()');
    }
  },
  /**
   * The mount options read the earlier way, with serde-wasm-bindgen's deserializer (`from_value`
   * into a BTreeMap of `preserve`d values): its type errors (serde's `Unexpected`) link Rust's float
   * formatting.
   */
  'swb-options': (dir) => {
    const mount = path.join(dir, 'src/app/mount.rs');
    const s = fs.readFileSync(mount, 'utf8');
    const from = s.indexOf('/// An option value as text:');
    const to = s.indexOf('/// A mounted form, returned to JS hosts.');
    if (from < 0 || to < 0) throw new Error('not applicable at this commit: mount.rs has changed');
    fs.writeFileSync(mount, s.slice(0, from) + `#[derive(serde::Deserialize)]
struct OptionValue(#[serde(with = "serde_wasm_bindgen::preserve")] JsValue);

impl OptionValue {
    fn text(&self) -> Option<String> {
        let v = &self.0;
        if let Some(t) = v.as_string() {
            return Some(t);
        }
        if let Some(b) = v.as_bool() {
            return Some(if b { "true" } else { "false" }.into());
        }
        v.dyn_ref::<js_sys::Number>().and_then(|n| n.to_string_with_radix(10).ok()).map(String::from)
    }
}

fn bad_options(why: &str) -> JsError {
    JsError::new(&["css-snapshot-form: bad options: ", why].concat())
}

fn option_pairs(options: JsValue) -> Result<Vec<(String, String)>, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Vec::new());
    }
    let map: std::collections::BTreeMap<String, OptionValue> =
        serde_wasm_bindgen::from_value(options).map_err(|e| bad_options(&e.to_string()))?;
    map.into_iter()
        .map(|(k, v)| match v.text() {
            Some(text) => Ok((k, text)),
            None => Err(bad_options(&[&k, ": expected text, a flag or a number"].concat())),
        })
        .collect()
}

` + s.slice(to));
    replaceOnce(path.join(dir, 'Cargo.toml'), 'serde = { version = "1", default-features = false }\n',
      'serde = { version = "1", default-features = false, features = ["derive"] }\n');
  },
  /**
   * Host events' detail objects by JSON.parse of the tree's own JSON text instead of
   * serde-wasm-bindgen's serializer; serde and serde-wasm-bindgen then leave the wasm dependencies.
   */
  'json-detail': (dir) => {
    const host = path.join(dir, 'src/app/host.rs');
    const s = fs.readFileSync(host, 'utf8');
    const from = s.indexOf('/// A `detail` value as serde-wasm-bindgen');
    const to = s.indexOf('fn dispatch(');
    if (from < 0 || to < 0) throw new Error('not applicable at this commit: host.rs has changed');
    fs.writeFileSync(host, s.slice(0, from) + `fn to_js(detail: &Json) -> JsValue {
    js_sys::JSON::parse(&detail.to_json()).unwrap_or(JsValue::NULL)
}

` + s.slice(to));
    const cargoToml = path.join(dir, 'Cargo.toml');
    const c = fs.readFileSync(cargoToml, 'utf8');
    const deps = /^# Host events' `detail`.*\nserde = .*\nserde-wasm-bindgen = .*\n/m;
    if (!deps.test(c)) throw new Error('not applicable at this commit: Cargo.toml has changed');
    // Kept when the mount options still use the crate (with swb-options).
    if (!fs.readFileSync(path.join(dir, 'src/app/mount.rs'), 'utf8').includes('serde_wasm_bindgen')) {
      fs.writeFileSync(cargoToml, c.replace(deps, ''));
    }
  },
  /** The mount options sorted after they are read (a slice sort) instead of kept in order. */
  'sorted-options': (dir) => {
    const mount = path.join(dir, 'src/app/mount.rs');
    replaceOnce(mount, 'let at = pairs.partition_point(|(k, _): &(String, String)| *k < key);\n        pairs.insert(at, (key, text));\n    }\n',
      'pairs.push((key, text));\n    }\n    pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));\n');
  },
  /** The Rust panic hook set in every build, immediate-abort ones too (where it never runs). */
  'panic-hook': (dir) => {
    const mount = path.join(dir, 'src/app/mount.rs');
    const s = fs.readFileSync(mount, 'utf8');
    if (!s.includes('#[cfg(not(panic = "immediate-abort"))]')) throw new Error('not applicable at this commit');
    fs.writeFileSync(mount, s.replaceAll('#[cfg(not(panic = "immediate-abort"))]\n', ''));
  },
  /** The standard library's dlmalloc, as before talc (app/mod.rs's global allocator removed). */
  dlmalloc: (dir) => {
    const app = path.join(dir, 'src/app/mod.rs');
    const s = fs.readFileSync(app, 'utf8');
    const re = /\n(\/\/\/[^\n]*\n)*#\[global_allocator\]\nstatic ALLOCATOR[^\n]*\n/;
    if (!re.test(s)) throw new Error('not applicable at this commit: app/mod.rs has changed');
    fs.writeFileSync(app, s.replace(re, '\n'));
    const cargoToml = path.join(dir, 'Cargo.toml');
    const c = fs.readFileSync(cargoToml, 'utf8');
    const dep = /^# The allocator .*\ntalc = .*\n/m;
    if (!dep.test(c)) throw new Error('not applicable at this commit: Cargo.toml has changed');
    fs.writeFileSync(cargoToml, c.replace(dep, ''));
  },
  /** The release build's JS glue, snippets and style sheets as written: no scripts/minify.mjs in the hook. */
  'no-minify': (dir) => replaceOnce(path.join(dir, 'Trunk.toml'), 'node scripts/minify.mjs && ', ''),
  /** lol_alloc's free-list allocator instead of dlmalloc (single-threaded wasm). */
  'lol-alloc': (dir) => {
    fs.appendFileSync(path.join(dir, 'src/lib.rs'), `
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
`);
    const anchor = 'gloo-net = { version = "0.7.0", default-features = false, features = ["http"] }\n';
    replaceOnce(path.join(dir, 'Cargo.toml'), anchor, `${anchor}lol_alloc = "0.4"\n`);
  },
  /** The Chinese words left out: `Lang::Zh` answered by the English ones (zh.rs then unused). */
  'without-zh': (dir) => replaceOnce(path.join(dir, 'src/text/mod.rs'), 'Lang::Zh => &zh::Zh,', 'Lang::Zh => &en::En,'),
  /** The request previews left out: their state hook and their view (src/preview then unused). */
  'without-previews': (dir) => {
    const app = path.join(dir, 'src/app/mod.rs');
    replaceOnce(app, '    let previews = preview::use_previews_state();\n', '');
    const s = fs.readFileSync(app, 'utf8');
    const re = /\n\s*\{ preview::previews\(&preview::PreviewsProps \{[^}]*\}\) \}/;
    if (!re.test(s)) throw new Error('not applicable at this commit: app/mod.rs has changed');
    fs.writeFileSync(app, s.replace(re, ''));
  },
  /** The first reply's rehearsal left out (a speed lever for the first submit). */
  'without-rehearsal': (dir) => replaceOnce(path.join(dir, 'src/app/mod.rs'),
    'let rehearsal = warm::use_rehearsal(lang, &props.id_prefix);', 'let rehearsal = html! {};'),
  /** The list's view left out (its state, calls and button stay: a lower bound of the feature). */
  'without-list-view': (dir) => {
    const app = path.join(dir, 'src/app/mod.rs');
    const s = fs.readFileSync(app, 'utf8');
    const re = /\n\s*if let Some\(view\) = view::shown_list\(s, lang, &dates\) \{\n[^\n]*\n\s*\}/;
    if (!re.test(s)) throw new Error('not applicable at this commit: app/mod.rs has changed');
    fs.writeFileSync(app, s.replace(re, ''));
  },
  /** The follow panel's view left out (the following itself stays: a lower bound of the feature). */
  'without-follow-view': (dir) => {
    const outcome = path.join(dir, 'src/app/outcome.rs');
    const s = fs.readFileSync(outcome, 'utf8');
    const re = /\n\s*if let Some\(f\) = follow \{\n[^\n]*\n[^\n]*\n\s*\}/;
    if (!re.test(s)) throw new Error('not applicable at this commit: app/outcome.rs has changed');
    fs.writeFileSync(outcome, s.replace(re, '').replace('OutcomeView::Created { summary, follow, created }', 'OutcomeView::Created { summary, created, .. }'));
  },
};
const EXPERIMENT_VARIANTS = [
  { name: 'x-no-serde', what: 'mount options via js_sys (no serde, serde-wasm-bindgen)', edit: { experiments: ['no-serde'] } },
  { name: 'x-tracing-off', what: 'tracing release_max_level_off (Yew\'s events compiled out)', edit: { experiments: ['tracing-off'] } },
  { name: 'x-ascii-lowercase', what: 'to_ascii_lowercase for the one to_lowercase', edit: { experiments: ['ascii-lowercase'] } },
  { name: 'x-all', what: 'no-serde + tracing-off + ascii-lowercase', edit: { experiments: ['no-serde', 'tracing-off', 'ascii-lowercase'] } },
  { name: 'x-all-no-wasm-opt', what: 'the three above, and data-wasm-opt="0"', edit: { experiments: ['no-serde', 'tracing-off', 'ascii-lowercase'], wasmOpt: '0' } },
  { name: 'x-all-wasm-opt-s', what: 'the three above, and data-wasm-opt="s"', edit: { experiments: ['no-serde', 'tracing-off', 'ascii-lowercase'], wasmOpt: 's' } },
  // Issue 13's second round (each undoes or adds one lever on top of the commit measured).
  { name: 'x-swb-options', what: 'mount options by serde-wasm-bindgen::from_value (as before)', edit: { experiments: ['swb-options'] } },
  { name: 'x-json-detail', what: 'event details by JSON.parse of our JSON text; no serde in the wasm', edit: { experiments: ['json-detail'] } },
  { name: 'x-sorted-options', what: 'mount options sorted after reading (a slice sort)', edit: { experiments: ['sorted-options'] } },
  { name: 'x-panic-hook', what: 'the Rust panic hook in immediate-abort builds too', edit: { experiments: ['panic-hook'] } },
  {
    name: 'x-round-1', what: 'the five above, the stable std features, plain -Oz: the page before these levers',
    edit: { experiments: ['sorted-options', 'panic-hook', 'swb-options', 'json-detail', 'dlmalloc'], buildScript: ['export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size\n', ''], wasmOpt: 'z', wasmOptFlags: '' },
  },
  { name: 'x-dlmalloc', what: 'dlmalloc (the standard library default) as the allocator, not talc', edit: { experiments: ['dlmalloc'] } },
  { name: 'x-no-minify', what: 'JS glue, snippets and CSS not minified (scripts/minify.mjs left out)', edit: { experiments: ['no-minify'] } },
  { name: 'x-lol-alloc', what: 'lol_alloc FreeListAllocator as the allocator, not talc', edit: { experiments: ['dlmalloc', 'lol-alloc'] } },
  // What features weigh (issue 13's ninth round): each left out of the page on its own, then all.
  { name: 'x-without-zh', what: 'no Chinese words (Lang::Zh answered in English)', edit: { experiments: ['without-zh'] } },
  { name: 'x-without-previews', what: 'no request previews', edit: { experiments: ['without-previews'] } },
  { name: 'x-without-rehearsal', what: 'no rehearsal of the first reply', edit: { experiments: ['without-rehearsal'] } },
  { name: 'x-without-list-view', what: 'no list table (its state and calls stay)', edit: { experiments: ['without-list-view'] } },
  { name: 'x-without-follow-view', what: 'no follow panel (the following stays)', edit: { experiments: ['without-follow-view'] } },
  {
    name: 'x-without-all', what: 'the five above together',
    edit: { experiments: ['without-zh', 'without-previews', 'without-rehearsal', 'without-list-view', 'without-follow-view'] },
  },
];

// --- building ---------------------------------------------------------------------------------

const env = {
  ...process.env,
  PATH: `${path.join(ROOT, 'node_modules/.bin')}:${path.join(os.homedir(), '.cargo/bin')}:${process.env.PATH}`,
  TRUNK_SKIP_VERSION_CHECK: 'true',
};

function checkout(o) {
  const rev = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', o.commit], { encoding: 'utf8' }).trim();
  const base = path.join(o.scratch, `src-${rev}`);
  if (!fs.existsSync(path.join(base, 'Cargo.toml'))) {
    fs.mkdirSync(base, { recursive: true });
    execSync(`git -C ${JSON.stringify(ROOT)} archive ${rev} | tar -x -C ${JSON.stringify(base)}`, { stdio: 'inherit' });
  }
  return { rev, base };
}

function prepare(o, base, name, edit) {
  const dir = path.join(o.scratch, 'v', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  execFileSync('cp', ['-a', base, dir]);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  for (const x of edit.experiments || []) EXPERIMENTS[x](dir);
  if (edit.buildScript) replaceOnce(path.join(dir, 'scripts/build'), ...edit.buildScript);
  if (edit.cargo) {
    const f = path.join(dir, 'Cargo.toml');
    fs.writeFileSync(f, setProfile(fs.readFileSync(f, 'utf8'), edit.cargo));
  }
  let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  if (edit.wasmOpt !== undefined) html = setRustLink(html, 'data-wasm-opt', edit.wasmOpt);
  if (edit.wasmOptFlags !== undefined) {
    const params = (html.match(/data-wasm-opt-params="([^"]*)"/s) || [])[1] || '';
    const enables = params.split(/\s+/).filter((p) => p.startsWith('--enable-'));
    html = setRustLink(html, 'data-wasm-opt-params', [...enables, edit.wasmOptFlags].join(' ').trim());
  }
  if (edit.wasmOptParamsAppend !== undefined) {
    const params = (html.match(/data-wasm-opt-params="([^"]*)"/s) || [])[1] || '';
    html = setRustLink(html, 'data-wasm-opt-params', `${params} ${edit.wasmOptParamsAppend}`.trim());
  }
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  return dir;
}

/**
 * Builds the scratch copy `dir` as its commit ships it: with its scripts/build when it has one
 * (trunk build --release with the standard library rebuilt), else `trunk build --release`.
 * `how`: 'plain' forces the latter; 'build-std' uses this checkout's scripts/build at any commit.
 */
function build(o, dir, how) {
  const dist = path.join(dir, 'dist');
  const t0 = Date.now();
  const log = path.join(dir, 'build.log');
  const script = path.join(dir, 'scripts/build');
  if (how === 'build-std') fs.copyFileSync(path.join(ROOT, 'scripts/build'), script);
  const std = how !== 'plain' && fs.existsSync(script);
  const [cmd, args] = std ? [script, []] : ['trunk', ['build', '--release']];
  try {
    execFileSync(cmd, [...args, '--offline', '--dist', dist], {
      // Each kind in its own target folder: their flags differ, and switching rebuilds everything.
      cwd: dir, env: { ...env, CARGO_TARGET_DIR: path.join(o.scratch, std ? 'target-build-std' : 'target') },
      stdio: ['ignore', fs.openSync(log, 'w'), fs.openSync(log, 'a')],
    });
  } catch {
    throw new Error(`build failed in ${dir}; see ${log}`);
  }
  return { dist, seconds: (Date.now() - t0) / 1000 };
}

// --- crates (twiggy) --------------------------------------------------------------------------

const PRIMITIVES = new Set(['f32', 'f64', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32',
  'i64', 'i128', 'isize', 'bool', 'char', 'str', 'T', 'F', 'A', 'B', 'K', 'V']);

/** The crate a path (`yew::html::…`, `&T`, `[u8]`) starts with; primitives count as core. */
function crateOfPath(p) {
  const m = p.replace(/^(<|&|\*const |\*mut |mut |dyn |\[|\(|\s)+/, '').match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  if (!m) return null;
  return PRIMITIVES.has(m[1]) || /^[A-Z]$/.test(m[1]) ? 'core' : m[1];
}

/**
 * The crate a demangled function name belongs to: the first path segment; for `<T as Trait>::f`
 * the crate of T, or of Trait when T is a primitive or generic. Monomorphised generic code is
 * named after the generic's crate: e.g. Yew's component lifecycle instantiated for the page's
 * components (their `view` functions are inlined there) counts as yew.
 */
function crateOf(name) {
  if (/subsection|custom section/.test(name)) return null; // names, producers: not shipped code
  if (/^data segment|^data\[\d+\]$/.test(name)) return '(data segments: strings, tables, constants)';
  if (/^code\[\d+\]$/.test(name)) return '(unnamed functions: wasm-bindgen shims)';
  if (/^(table|elem|type|import|export|global|memory|start)\b|^\w+\[\d+\]$/.test(name)) return '(wasm sections: types, imports, exports, table)';
  if (/^__wbg|^__wbindgen|^__externref/.test(name)) return 'wasm-bindgen (import shims)';
  if (/^__rust|^__rdl|^__rg/.test(name)) return 'alloc';
  if (/^[a-z_][a-z0-9_]*$/.test(name)) return '(exported functions: the page\'s wasm-bindgen exports)';
  let n = name.replace(/\[[0-9a-f]{16}\]/g, '');
  const drop = n.match(/^core::ptr::drop_in_place<(.*)>(::h[0-9a-f]+)?$/);
  if (drop) n = drop[1];
  const impl = n.match(/^<(.+?) as (.+?)>::/);
  if (impl) {
    const t = crateOfPath(impl[1]);
    if (t && t !== 'core') return t;
    return crateOfPath(impl[2]) || '(other)';
  }
  return crateOfPath(n) || '(other)';
}

function crates(o, base) {
  // Keep function names through rustc (no strip) and wasm-opt (--debuginfo); the name section
  // itself is left out of the totals.
  const dir = prepare(o, base, 'names', { cargo: { strip: null, debug: null }, wasmOptParamsAppend: '--debuginfo', experiments: o.cratesWith || [] });
  const { dist } = build(o, dir);
  const wasm = fs.readdirSync(dist).find((f) => f.endsWith('.wasm'));
  const items = JSON.parse(execFileSync('twiggy', ['top', '-f', 'json', '-n', '1000000', path.join(dist, wasm)], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const counted = items.filter((it) => crateOf(it.name) !== null && !/^\s*Σ/.test(it.name));
  const total = counted.reduce((a, it) => a + it.shallow_size, 0);
  const by = new Map();
  for (const it of counted) {
    const c = crateOf(it.name);
    const e = by.get(c) || { crate: c, bytes: 0, items: 0 };
    e.bytes += it.shallow_size;
    e.items++;
    by.set(c, e);
  }
  const groups = [...by.values()].sort((a, b) => b.bytes - a.bytes);
  const top = counted.slice().sort((a, b) => b.shallow_size - a.shallow_size).slice(0, 25)
    .map((it) => ({ name: it.name, bytes: it.shallow_size }));
  return { wasm: path.join(dist, wasm), total, groups, top };
}

// --- main -------------------------------------------------------------------------------------

const o = parseArgs(process.argv);
fs.mkdirSync(o.scratch, { recursive: true });
const { rev, base } = checkout(o);
console.error(`[levers] commit ${rev}, scratch ${o.scratch}`);
const results = [];
if (o.variants) {
  const all = [...VARIANTS, ...(o.experiments ? EXPERIMENT_VARIANTS : [])];
  for (const v of all.filter((v) => !o.only || o.only.includes(v.name))) {
    process.stderr.write(`[levers] ${v.name}: ${v.what} … `);
    try {
      const dir = prepare(o, base, v.name, v.edit);
      const { dist, seconds } = build(o, dir, v.edit.build);
      const s = sizesOf(dist);
      const w = s.files.find((f) => f.kind === 'wasm');
      const j = s.files.find((f) => f.kind === 'js');
      results.push({ ...v, seconds, wasm: w, js: j, total: s.total });
      process.stderr.write(`wasm ${w.raw} B raw, ${w.gzip} B gzip; total ${s.total.gzip} B gzip (${seconds.toFixed(0)} s)\n`);
    } catch (e) {
      results.push({ ...v, error: String(e.message) });
      process.stderr.write(`FAILED: ${e.message}\n`);
    }
  }
  const ref = results.find((r) => r.name === 'as-committed' && !r.error);
  const pct = (a, b) => (b ? `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)}%` : '');
  console.log(`Levers at commit ${rev} (bytes; Δ against as-committed, gzip -9 total)`);
  console.log(`${'variant'.padEnd(20)}${'change'.padEnd(66)}${'wasm raw'.padStart(10)}${'wasm gz'.padStart(10)}${'wasm br'.padStart(10)}${'total gz'.padStart(10)}  Δ`);
  for (const r of results) {
    if (r.error) { console.log(`${r.name.padEnd(20)}${r.what.padEnd(66)}  ${r.error}`); continue; }
    console.log(`${r.name.padEnd(20)}${r.what.padEnd(66)}${String(r.wasm.raw).padStart(10)}${String(r.wasm.gzip).padStart(10)}${String(r.wasm.brotli).padStart(10)}${String(r.total.gzip).padStart(10)}  ${ref ? pct(r.total.gzip, ref.total.gzip) : ''}`);
  }
}
let crateReport = null;
if (o.crates) {
  process.stderr.write('[levers] crates: build with names kept, twiggy top … ');
  crateReport = crates(o, base);
  process.stderr.write('done\n');
  console.log(`\nWhere the wasm's ${crateReport.total} code+data bytes go${o.cratesWith ? ` (with ${o.cratesWith.join(' + ')})` : ''} (twiggy shallow sizes, -Oz build with names kept; name section excluded)`);
  for (const g of crateReport.groups.slice(0, 25)) {
    console.log(`  ${g.crate.padEnd(50)}${String(g.bytes).padStart(9)}  ${((g.bytes / crateReport.total) * 100).toFixed(1).padStart(5)}%  (${g.items} items)`);
  }
  console.log('Largest single items:');
  for (const t of crateReport.top) console.log(`  ${String(t.bytes).padStart(8)}  ${t.name.slice(0, 150)}`);
}
fs.mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/out/levers.json'), JSON.stringify({ commit: rev, date: new Date().toISOString(), variants: results, crates: crateReport }, null, 2));
console.error('[levers] wrote bench/out/levers.json');
