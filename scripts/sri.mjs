// Trunk post-build hook: Subresource Integrity for everything the page loads, so the page can
// run under a strict Content-Security-Policy with no inline script.
//  - boot.js gets the wasm module's hash (it fetches the module with `integrity`); in a release
//    build scripts/minify.mjs has written it already, before bundling boot.js, and it is checked;
//  - index.html gets `integrity` on boot.js and modulepreload links (with integrity) for the
//    modules boot.js imports (a debug build's JS glue and wasm-bindgen snippets; a release
//    build's boot.js imports none), which boot.js then takes from the module map;
//  - and a preload of the wasm (as="fetch", crossorigin, with its integrity), so it downloads
//    beside boot.js instead of after it: boot.js's fetch of it has the same URL,
//    mode (cors), credentials (same-origin) and integrity, so it takes the preloaded response.
// Usage: node scripts/sri.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { staticImports } from './imports.mjs';
import { sri, withWasmIntegrity } from './integrity.mjs';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('sri.mjs: no directory (pass one or run as a Trunk hook)');

const boot = join(dir, 'boot.js');
const bootText = readFileSync(boot, 'utf8');
const WASM = 'css-snapshot-form_bg.wasm';
const wasmIntegrity = sri(readFileSync(join(dir, WASM)));
const bootFilled = withWasmIntegrity(bootText, wasmIntegrity);
if (bootFilled !== null) {
  writeFileSync(boot, bootFilled);
} else if (!bootText.includes(`'${wasmIntegrity}'`) && !bootText.includes(`"${wasmIntegrity}"`)) {
  throw new Error("sri.mjs: boot.js has neither the WASM_INTEGRITY marker nor the wasm's integrity");
}

// The modules boot.js loads with it: its static imports, and theirs. Not the files beside it
// that it does not import.
const imported = (file) => staticImports(readFileSync(file, 'utf8')).map((m) => join(file, '..', m));
const graph = new Set();
for (let queue = imported(boot); queue.length;) {
  const m = queue.shift();
  if (graph.has(m)) continue;
  graph.add(m);
  queue.push(...imported(m));
}
const modules = [...graph].map((f) => relative(dir, f).split('\\').join('/')).sort();
const preload = [
  `  <link rel="preload" as="fetch" crossorigin href="${WASM}" integrity="${wasmIntegrity}">`,
  ...modules.map((m) => `  <link rel="modulepreload" href="${m}" integrity="${sri(readFileSync(join(dir, m)))}">`),
].join('\n');

const index = join(dir, 'index.html');
let html = readFileSync(index, 'utf8');
const script = html.match(/<script type="module"( async)? src="boot\.js"><\/script>/);
if (!script) throw new Error('sri.mjs: index.html does not load boot.js');
html = html
  .replace(script[0], `${preload}\n  <script type="module"${script[1] ?? ''} src="boot.js" integrity="${sri(readFileSync(boot))}"></script>`)
  // Trunk leaves its build instruction in place when it injects no script.
  .replace(/\s*<link data-trunk rel="rust"[^>]*>/, '');
writeFileSync(index, html);
console.log(`sri.mjs: integrity added for boot.js, ${modules.length} module(s) and the wasm (preloaded)`);
