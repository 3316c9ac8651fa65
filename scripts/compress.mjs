// Trunk post-build step, run after scripts/sri.mjs (which rewrites index.html and boot.js, so
// it must finish first): writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) next to every
// file of the build, so servers send the files precompressed: the emulator's --serve-dir
// (tower-http's ServeDir) and nginx (gzip_static, brotli_static) choose by Accept-Encoding.
// The encoders are node's own zlib (the zlib and brotli libraries node ships).
// A compressed copy that is not smaller than its file is not kept (the file itself is sent).
// Usage: node scripts/compress.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR)
import { readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join, extname } from 'node:path';
import zlib from 'node:zlib';

const TEXT = new Set(['.html', '.htm', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);
const ENCODINGS = {
  '.br': (buf, file) => zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: TEXT.has(extname(file).toLowerCase())
        ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }),
  '.gz': (buf) => zlib.gzipSync(buf, { level: zlib.constants.Z_BEST_COMPRESSION }),
};

/** Every file under `dir` that is not itself a compressed copy. */
const files = (d) => readdirSync(d).flatMap((n) => {
  const p = join(d, n);
  if (statSync(p).isDirectory()) return files(p);
  return Object.keys(ENCODINGS).some((ext) => n.endsWith(ext)) ? [] : [p];
});

/** Writes the compressed copies of every file of `dir`; returns what was written. */
function compressDir(dir) {
  const written = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const file of files(dir)) {
    const buf = readFileSync(file);
    written.files++;
    written.raw += buf.length;
    for (const [ext, encode] of Object.entries(ENCODINGS)) {
      const out = encode(buf, file);
      if (out.length < buf.length) {
        writeFileSync(file + ext, out);
        written[ext.slice(1)] += out.length;
      } else {
        rmSync(file + ext, { force: true }); // no stale copy of an older build
        written[ext.slice(1)] += buf.length;
      }
    }
  }
  return written;
}

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('compress.mjs: no directory (pass one or run as a Trunk hook)');
const w = compressDir(dir);
console.log(`compress.mjs: ${w.files} file(s), ${w.raw} B: ${w.br} B as sent with brotli, ${w.gz} B with gzip`);
