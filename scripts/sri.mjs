// Trunk post-build hook: Subresource Integrity for everything the page loads, so the page can
// run under a strict Content-Security-Policy with no inline script.
//  - boot.js gets the wasm module's hash (it fetches the module with `integrity`);
//  - index.html gets `integrity` on boot.js and modulepreload links (with integrity) for the
//    JS glue and wasm-bindgen snippets, which boot.js then imports from the module map;
//  - and a preload of the wasm (as="fetch", crossorigin, with its integrity), so it downloads
//    beside boot.js and the glue instead of after them: boot.js's fetch of it has the same URL,
//    mode (cors), credentials (same-origin) and integrity, so it takes the preloaded response.
// Usage: node scripts/sri.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('sri.mjs: no directory (pass one or run as a Trunk hook)');
const sri = (path) => 'sha384-' + createHash('sha384').update(readFileSync(path)).digest('base64');
const files = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));

const boot = join(dir, 'boot.js');
const bootText = readFileSync(boot, 'utf8');
const marker = "const WASM_INTEGRITY = '';";
if (!bootText.includes(marker)) throw new Error('sri.mjs: boot.js has no WASM_INTEGRITY marker');
const WASM = 'css-snapshot-form_bg.wasm';
const wasmIntegrity = sri(join(dir, WASM));
writeFileSync(boot, bootText.replace(marker, `const WASM_INTEGRITY = '${wasmIntegrity}';`));

const modules = files(dir)
  .filter((f) => f.endsWith('.js') && !f.endsWith('boot.js'))
  .map((f) => relative(dir, f).split('\\').join('/'))
  .sort();
const preload = [
  `  <link rel="preload" as="fetch" crossorigin href="${WASM}" integrity="${wasmIntegrity}">`,
  ...modules.map((m) => `  <link rel="modulepreload" href="${m}" integrity="${sri(join(dir, m))}">`),
].join('\n');

const index = join(dir, 'index.html');
let html = readFileSync(index, 'utf8');
const script = '<script type="module" src="boot.js"></script>';
if (!html.includes(script)) throw new Error('sri.mjs: index.html does not load boot.js');
html = html
  .replace(script, `${preload}\n  <script type="module" src="boot.js" integrity="${sri(boot)}"></script>`)
  // Trunk leaves its build instruction in place when it injects no script.
  .replace(/\s*<link data-trunk rel="rust"[^>]*>/, '');
writeFileSync(index, html);
console.log(`sri.mjs: integrity added for boot.js, ${modules.length} module(s) and the wasm (preloaded)`);
