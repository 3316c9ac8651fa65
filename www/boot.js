// Loads css-snapshot-form from wherever these files are hosted (any sub-path), then mounts a
// form into every [data-css-snapshot-form] element and defines <css-snapshot-form>.
// Portals include this one module: <script type="module" src="…/boot.js"></script>
// It is also the module's API for hosts (`import { mount } from '…/boot.js'`, README: JS API).
// The release build bundles the glue into it (scripts/minify.mjs): one file for the page's JS.
import init, { boot, panic_notices } from './css-snapshot-form.js';

export * from './css-snapshot-form.js';
export { default } from './css-snapshot-form.js';

// Filled in at build time (Subresource Integrity for the wasm module): by scripts/minify.mjs in a
// release build, before it bundles this file, else by scripts/sri.mjs.
const WASM_INTEGRITY = '';

const base = new URL('.', import.meta.url).href;
// Matches index.html's preload (URL, mode, credentials, integrity), so it takes its response.
const wasm = fetch(new URL('css-snapshot-form_bg.wasm', base), {
  mode: 'cors',
  credentials: 'same-origin',
  ...(WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {}),
});
await init({ module_or_path: wasm });

// In the shipped build a panic is a wasm trap and no Rust code runs after it: the panic notice
// (in each form's language, given at mount) is shown from here. What was typed stays.
const notices = panic_notices(); // Map: form root → notice text
function showNotices() {
  for (const [root, text] of notices) {
    if (!root.isConnected || root.firstElementChild?.classList.contains('csf-panic')) continue;
    const p = document.createElement('p');
    p.className = 'csf-panic';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    root.prepend(p);
  }
}
const trap = (e) => e instanceof WebAssembly.RuntimeError;
addEventListener('error', (e) => trap(e.error) && showNotices());
addEventListener('unhandledrejection', (e) => trap(e.reason) && showNotices());

// Loaded `async` (as index.html does), this module runs as soon as it is fetched, so the wasm
// compiles while the document is still being read; the forms are mounted once it has been read.
if (document.readyState === 'loading') {
  await new Promise((resolve) => addEventListener('DOMContentLoaded', resolve, { once: true }));
}
boot(base);
