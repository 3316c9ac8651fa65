// Trunk post-build step, run first (before scripts/sri.mjs and scripts/compress.mjs, which hash
// and compress the final files): bundles the wasm-bindgen snippets into the JS glue and minifies
// it and the style sheets of a release build with esbuild (pinned in package.json), shortens the
// names the glue and the wasm call each other by (binaryen, pinned in package.json), bundles the
// glue into boot.js, renews the `integrity` Trunk wrote on the style sheets' links in index.html
// and leaves out its comments. The page's JS is then one file, boot.js, the entry portals load
// too: the page fetches four files besides index.html, and its form was usable sooner than with
// the glue as a file of its own in A/B runs of cold loads (bench/README.md has the figures).
// Debug builds (`trunk build`, `trunk watch`) are left as they are, for reading in devtools.
// Usage: node scripts/minify.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR; with DIR given,
// the build is minified whatever its profile)
import { existsSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildSync, transformSync } from 'esbuild';
import { sri, withWasmIntegrity } from './integrity.mjs';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('minify.mjs: no directory (pass one or run as a Trunk hook)');
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') {
  console.log(`minify.mjs: ${process.env.TRUNK_PROFILE || 'unknown'} build, not minified`);
  process.exit(0);
}

const files = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
const sizeOf = (f) => statSync(f).size;
let before = 0;
let after = 0;

// The glue imports its snippets (snippets/<crate>-<hash>/*.js); nothing else does. The bundle is
// still an ES module with the glue's exports, at the glue's URL (portals import it from there).
const glue = join(dir, 'css-snapshot-form.js');
const snippets = join(dir, 'snippets');
const snippetFiles = existsSync(snippets) ? files(snippets) : [];
before += sizeOf(glue) + snippetFiles.reduce((n, f) => n + sizeOf(f), 0);
const [bundle] = buildSync({
  entryPoints: [glue], bundle: true, write: false, minify: true, format: 'esm', target: 'es2020', logLevel: 'warning',
}).outputFiles;
writeFileSync(glue, bundle.contents);
after += bundle.contents.length;
rmSync(snippets, { recursive: true, force: true });

// Short names between the glue and the wasm. wasm-bindgen names each import after the JS it
// calls plus a 16-digit hash (`__wbg_createElement_de4a31ed2fb252be`, ~190 of them) and writes
// every name twice, in the wasm's import section and as a key in the glue, where compression can
// do little with the hashes. binaryen's `--minify-imports-and-exports-and-modules` renames the
// imports, their module and the exports to one or two letters and prints the mapping (JSON); the
// glue is rewritten with it: each import key (found exactly once, or the build fails) and each
// `.export` read off the instance. The names are the glue's and the wasm's business alone:
// boot.js, portals and the tests use the glue's own exports (`boot`, `mount`, …), which keep their names.
const wasmFile = join(dir, 'css-snapshot-form_bg.wasm');
const rustLink = readFileSync(join(dir, 'index.html'), 'utf8').match(/<link\b[^>]*\brel="rust"[^>]*>/s);
if (!rustLink) throw new Error('minify.mjs: index.html has no rel="rust" link to read the wasm features from');
const wasmOptArgs = (rustLink[0].match(/data-wasm-opt-params="([^"]*)"/) || [, ''])[1].split(/\s+/)
  // The features the module was built with; --debuginfo when a build keeps names (bench/levers.mjs).
  .filter((a) => a.startsWith('--enable-') || a === '--debuginfo');
const wasmOpt = fileURLToPath(new URL('../node_modules/binaryen/bin/wasm-opt', import.meta.url));
const wasmBefore = sizeOf(wasmFile);
const mapping = JSON.parse(execFileSync(process.execPath, [wasmOpt, wasmFile, ...wasmOptArgs,
  '--minify-imports-and-exports-and-modules', '-o', wasmFile], { encoding: 'utf8', maxBuffer: 1 << 24 }));
let glueText = readFileSync(glue, 'utf8');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const modules = new Set();
for (const [module, name, short] of mapping.imports) {
  modules.add(module);
  const at = new RegExp(`(?<![\\w$"])${escape(name)}(?=:)`, 'g');
  const found = glueText.match(at)?.length ?? 0;
  if (found !== 1) throw new Error(`minify.mjs: the wasm import ${name} is a key ${found} times in the glue, not once`);
  glueText = glueText.replace(at, key(short));
}
for (const [name, short] of mapping.exports) {
  glueText = glueText.replace(new RegExp(`\\.${escape(name)}(?![\\w$])`, 'g'), `.${short}`);
}
// The module the imports now come from, as the browser reads it (binaryen makes it one module).
const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile)));
const shortModules = [...new Set(imports.map((i) => i.module))];
if (shortModules.length !== 1) throw new Error(`minify.mjs: the wasm imports from ${shortModules.join(', ')}, not one module`);
for (const module of modules) {
  const quoted = `${JSON.stringify(module)}:`;
  if (!glueText.includes(quoted)) throw new Error(`minify.mjs: the glue has no imports object for ${quoted}`);
  glueText = glueText.split(quoted).join(`${key(shortModules[0])}:`);
}
const missing = imports.filter((i) => !new RegExp(`[{,]${escape(key(i.name))}:`).test(glueText));
if (missing.length) throw new Error(`minify.mjs: the glue provides no ${missing.map((i) => i.name).join(', ')}`);
writeFileSync(glue, glueText);
after += Buffer.byteLength(glueText) - bundle.contents.length;
console.log(`minify.mjs: ${mapping.imports.length} import and ${mapping.exports.length} export names shortened; wasm ${wasmBefore} → ${sizeOf(wasmFile)} B`);

// boot.js with the glue in it. It fetches the wasm with the wasm's integrity, which is final
// now (sri.mjs checks it is there): written into boot.js before the bundle, as minifying would
// fold the empty placeholder away. boot.js re-exports the glue's API (`mount`, …), and
// css-snapshot-form.js is left as a file that re-exports boot.js's, for hosts that import it by
// that name: the same module instance, the one boot.js initialised.
const boot = join(dir, 'boot.js');
const bootSource = readFileSync(boot, 'utf8');
const bootFilled = withWasmIntegrity(bootSource, sri(readFileSync(wasmFile)));
if (bootFilled === null) throw new Error('minify.mjs: boot.js has no WASM_INTEGRITY marker');
writeFileSync(boot, bootFilled);
before += Buffer.byteLength(bootSource);
// Top-level await (boot.js waits for the module): ES2022.
const [bootBundle] = buildSync({
  entryPoints: [boot], bundle: true, write: false, minify: true, format: 'esm', target: 'es2022', logLevel: 'warning',
}).outputFiles;
writeFileSync(boot, bootBundle.contents);
const reexport = "export * from './boot.js';\nexport { default } from './boot.js';\n";
writeFileSync(glue, reexport);
after += bootBundle.contents.length - Buffer.byteLength(glueText) + reexport.length;

// The style sheets (not the portal examples', copied as they are, for reading).
const renewed = new Map();
for (const file of files(dir).filter((f) => f.endsWith('.css') && !relative(dir, f).startsWith('portal'))) {
  const source = readFileSync(file, 'utf8');
  const { code } = transformSync(source, { loader: 'css', minify: true });
  writeFileSync(file, code);
  before += Buffer.byteLength(source);
  after += Buffer.byteLength(code);
  renewed.set(relative(dir, file).split('\\').join('/'), sri(code));
}

// Trunk hashed the style sheets before they were minified.
const index = join(dir, 'index.html');
let html = readFileSync(index, 'utf8');
for (const [name, integrity] of renewed) {
  const link = new RegExp(`(<link rel="stylesheet" href="[^"]*/${name.replace(/[.]/g, '\\.')}" integrity=")[^"]*(")`);
  if (!link.test(html)) throw new Error(`minify.mjs: index.html has no integrity for ${name}`);
  html = html.replace(link, `$1${integrity}$2`);
}
// Its comments are for whoever reads the source (README.md says the same to deployers): the
// shipped page goes without them (-310 B gzip).
html = html.replace(/[ \t]*<!--[\s\S]*?-->\n?/g, '');
writeFileSync(index, html);
console.log(`minify.mjs: ${snippetFiles.length} snippet(s) and the glue bundled into boot.js; ${before} B of JS and CSS minified to ${after} B`);
