// Trunk post-build step, run first (before scripts/sri.mjs and scripts/compress.mjs, which hash
// and compress the final files): bundles the wasm-bindgen snippets into the JS glue and minifies
// it and the style sheets of a release build with esbuild (pinned in package.json), and renews
// the `integrity` Trunk wrote on the style sheets' links in index.html. One glue file instead of
// the glue and its snippets: the page then fetches five files besides index.html, within the six
// connections a browser opens to one HTTP/1.1 server, so none waits for another (bench/README.md).
// boot.js stays as written: it is the readable entry portals load, and sri.mjs writes the wasm's
// hash into it.
// Debug builds (`trunk build`, `trunk watch`) are left as they are, for reading in devtools.
// Usage: node scripts/minify.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR; with DIR given,
// the build is minified whatever its profile)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSync, transformSync } from 'esbuild';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('minify.mjs: no directory (pass one or run as a Trunk hook)');
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') {
  console.log(`minify.mjs: ${process.env.TRUNK_PROFILE || 'unknown'} build, not minified`);
  process.exit(0);
}

const files = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
const sri = (text) => 'sha384-' + createHash('sha384').update(text).digest('base64');
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
writeFileSync(index, html);
console.log(`minify.mjs: ${snippetFiles.length} snippet(s) bundled into the glue; ${before} B of JS and CSS minified to ${after} B`);
