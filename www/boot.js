// Loads css-snapshot-form from wherever these files are hosted (any sub-path), then mounts a
// form into every [data-css-snapshot-form] element and defines <css-snapshot-form>.
// Portals include this one module: <script type="module" src="…/boot.js"></script>
import init, { boot } from './css-snapshot-form.js';

const base = new URL('.', import.meta.url).href;
await init({ module_or_path: new URL('css-snapshot-form_bg.wasm', base) });
boot(base);
