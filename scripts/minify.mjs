// Trunk post-build step, run first (before scripts/sri.mjs and scripts/compress.mjs, which hash
// and compress the final files): minifies the JS glue, the wasm-bindgen snippets and the style
// sheets of a release build with esbuild (pinned in package.json), and renews the `integrity`
// Trunk wrote on the style sheets' links in index.html. boot.js stays as written: it is the
// readable entry portals load, and sri.mjs writes the wasm's hash into it.
// Debug builds (`trunk build`, `trunk watch`) are left as they are, for reading in devtools.
// Usage: node scripts/minify.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR; with DIR given,
// the build is minified whatever its profile)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('minify.mjs: no directory (pass one or run as a Trunk hook)');
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') {
  console.log(`minify.mjs: ${process.env.TRUNK_PROFILE || 'unknown'} build, not minified`);
  process.exit(0);
}

const files = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
const sri = (text) => 'sha384-' + createHash('sha384').update(text).digest('base64');
// Not the portal examples (copied as they are, for reading) and not boot.js (see above).
const own = files(dir).filter((f) => !relative(dir, f).startsWith('portal') && !f.endsWith('boot.js'));

let before = 0;
let after = 0;
const renewed = new Map();
for (const file of own) {
  const loader = file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : null;
  if (!loader) continue;
  const source = readFileSync(file, 'utf8');
  // The glue and snippets are ES modules: their imports and exported names stay as they are.
  const { code } = transformSync(source, { loader, minify: true, format: loader === 'js' ? 'esm' : undefined, target: 'es2020' });
  writeFileSync(file, code);
  before += Buffer.byteLength(source);
  after += Buffer.byteLength(code);
  if (loader === 'css') renewed.set(relative(dir, file).split('\\').join('/'), sri(code));
}

// Trunk hashed the style sheets before they were minified.
const index = join(dir, 'index.html');
let html = readFileSync(index, 'utf8');
for (const [name, integrity] of renewed) {
  const link = new RegExp(`(<link rel="stylesheet" href="[^"]*/${name.replace(/[.]/g, '\\.')}" integrity=")[^"]*(")`);
  if (!link.test(html)) throw new Error(`minify.mjs: index.html has no integrity for ${name}`);
  html = html.replace(link, `$1${integrity}$2`);
}
writeFileSync(index, html);
console.log(`minify.mjs: ${before} B of JS and CSS minified to ${after} B`);
