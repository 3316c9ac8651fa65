// Loads css-snapshot-form from wherever these files are hosted (any sub-path), then mounts a
// form into every [data-css-snapshot-form] element and defines <css-snapshot-form>.
// Portals include this one module: <script type="module" src="…/boot.js"></script>
import init, { boot } from './css-snapshot-form.js';

// Filled in at build time by scripts/sri.mjs (Subresource Integrity for the wasm module).
const WASM_INTEGRITY = '';

const base = new URL('.', import.meta.url).href;
const wasm = fetch(new URL('css-snapshot-form_bg.wasm', base), WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {});
await init({ module_or_path: wasm });
boot(base);
