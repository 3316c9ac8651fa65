// Loads css-snapshot-form from wherever these files are hosted (any sub-path), then mounts a
// form into every [data-css-snapshot-form] element and defines <css-snapshot-form>.
// Portals include this one module: <script type="module" src="…/boot.js"></script>
import init, { boot } from './css-snapshot-form.js';

// Filled in at build time by scripts/sri.mjs (Subresource Integrity for the wasm module).
const WASM_INTEGRITY = '';

const base = new URL('.', import.meta.url).href;
// index.html preloads the module (<link rel="preload" as="fetch" crossorigin integrity=…>): this
// request must match that one exactly (URL, mode, credentials, integrity) to take its response
// instead of downloading the module a second time.
const wasm = fetch(new URL('css-snapshot-form_bg.wasm', base), {
  mode: 'cors',
  credentials: 'same-origin',
  ...(WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {}),
});
await init({ module_or_path: wasm });
boot(base);
