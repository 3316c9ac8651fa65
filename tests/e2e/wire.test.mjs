// The page on the wire, as the emulator serves the build: every file compressed by the
// browser's Accept-Encoding (the build's .br/.gz copies), the wasm still matching its integrity
// and compiled as it streams in.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import test from 'node:test';
import zlib from 'node:zlib';
import { ROOT, formUrl, useHarness, wasmIntegrityIn } from './harness.mjs';

const DIST = process.env.E2E_DIST || path.join(ROOT, 'dist');
const WASM = 'css-snapshot-form_bg.wasm';
const h = useHarness(test);

const built = (file) => fs.readFileSync(path.join(DIST, file));
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
/** The wasm's integrity as boot.js fetches it. */
const wasmIntegrity = () => wasmIntegrityIn(built('boot.js').toString('utf8'));

/** GET `url` with `accept-encoding`, without decoding: status, headers and the bytes as sent. */
function rawGet(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The page's own files in the order it fetched them, with the headers of each request and reply. */
async function openRecording(query) {
  const page = await h.browser.context.newPage();
  const files = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/v1.0/')) return;
    files.push((async () => ({
      path: new URL(r.url()).pathname, status: r.status(), type: r.request().resourceType(),
      sent: await r.request().allHeaders(), got: await r.allHeaders(),
    }))());
  });
  await page.goto(formUrl(h.emulator.url, query));
  await page.locator('button[type=submit]').waitFor();
  return { page, files: () => Promise.all(files) };
}

test('every file of the page arrives compressed by what the browser accepts, with Vary and its type', async () => {
  const { page, files } = await openRecording();
  try {
    const got = await files();
    const paths = got.map((f) => f.path);
    for (const p of ['/', '/boot.js', `/${WASM}`, '/form.css', '/page.css']) {
      assert.ok(paths.includes(p), `${p} not fetched: ${paths}`);
    }
    for (const f of got) {
      assert.equal(f.status, 200, f.path);
      const accepted = f.sent['accept-encoding'].split(',').map((e) => e.trim().split(';')[0]);
      const want = accepted.includes('br') ? 'br' : 'gzip';
      assert.equal(f.got['content-encoding'], want, `${f.path} (accepts ${accepted})`);
      assert.equal(f.got.vary?.toLowerCase(), 'accept-encoding', f.path);
    }
    const type = (p) => got.find((f) => f.path === p).got['content-type'];
    assert.equal(type(`/${WASM}`), 'application/wasm');
    assert.match(type('/'), /^text\/html/);
    assert.match(type('/boot.js'), /^text\/javascript/);
    assert.match(type('/form.css'), /^text\/css/);
  } finally {
    await page.close();
  }
});

test('the wasm as sent decodes to the built file, which matches the integrity boot.js checks', async () => {
  const file = built(WASM);
  assert.equal(wasmIntegrity(), sri(file));
  const url = new URL(WASM, h.emulator.url).href;
  const br = await rawGet(url, 'br');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.ok(br.body.length < file.length / 2, `${br.body.length} B brotli for ${file.length} B`);
  assert.ok(zlib.brotliDecompressSync(br.body).equals(file), 'brotli copy decodes to the built wasm');
  const gz = await rawGet(url, 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(zlib.gunzipSync(gz.body).equals(file), 'gzip copy decodes to the built wasm');
  const plain = await rawGet(url);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(file));

  // In the browser: fetched compressed with the same integrity, it passes, and a wrong one fails.
  const { page } = await openRecording();
  try {
    const inPage = await page.evaluate(async ([u, integrity]) => {
      const ok = await fetch(u, { integrity, cache: 'no-store' });
      const bytes = (await ok.arrayBuffer()).byteLength;
      const wrong = await fetch(u, { integrity: 'sha384-' + btoa('x'.repeat(48)), cache: 'no-store' })
        .then(() => 'accepted', (e) => e.name);
      return { bytes, wrong };
    }, [url, wasmIntegrity()]);
    assert.deepEqual(inPage, { bytes: file.length, wrong: 'TypeError' });
  } finally {
    await page.close();
  }
});

test('the wasm is preloaded with its integrity, fetched once, and compiled as it streams in', async () => {
  const html = built('index.html').toString('utf8');
  const link = html.match(/<link rel="preload" as="fetch" crossorigin href="([^"]+)" integrity="([^"]+)">/);
  assert.ok(link, 'index.html preloads the wasm');
  assert.deepEqual([link[1], link[2]], [WASM, wasmIntegrity()]);
  // Before boot.js, so it starts while the HTML is read rather than after boot.js and the glue.
  assert.ok(html.indexOf(link[0]) < html.indexOf('src="boot.js"'));

  const page = await h.browser.context.newPage();
  try {
    const requests = [];
    const console_ = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    page.on('console', (m) => console_.push(`${m.type()}: ${m.text()}`));
    await page.addInitScript(() => {
      window.__compiled = [];
      for (const fn of ['instantiateStreaming', 'instantiate', 'compile', 'compileStreaming']) {
        const orig = WebAssembly[fn];
        WebAssembly[fn] = function (...args) {
          window.__compiled.push(fn);
          return orig.apply(this, args);
        };
      }
    });
    await page.goto(formUrl(h.emulator.url));
    await page.locator('button[type=submit]').waitFor();
    // Time for a preload left unused to be reported (Chromium warns a few seconds after load).
    await page.waitForTimeout(3500);
    assert.deepEqual(requests.filter((p) => p === `/${WASM}`), [`/${WASM}`], 'one request for the wasm');
    // The glue and its snippets are bundled into boot.js (scripts/minify.mjs): besides the
    // document, four files, each fetched at once (none waits for another to name it).
    assert.deepEqual([...new Set(requests)].filter((p) => !p.startsWith('/v1.0/')).sort(),
      ['/', '/boot.js', `/${WASM}`, '/form.css', '/page.css']);
    const timing = await page.evaluate((name) => performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith(name)).map((e) => e.initiatorType), WASM);
    assert.deepEqual(timing, ['link'], 'the one download is the preload, which boot.js then used');
    assert.deepEqual(await page.evaluate(() => window.__compiled), ['instantiateStreaming']);
    // Chromium ignores `integrity` on a preload of this kind (crbug.com/981419) and says so; the
    // fetch that takes the preloaded response still checks it (next test). Nothing else is said.
    const ignored = /^warning: The `integrity` attribute is currently ignored for preload destinations/;
    const noise = console_.filter((l) => /preload|integrity|MIME|instantiateStreaming/i.test(l) && !ignored.test(l));
    assert.deepEqual(noise, [], 'no warning about an unused preload, a failed integrity check or the wasm type');
  } finally {
    await page.close();
  }
});

test('a wasm that does not match its integrity is refused, preloaded or not: the page does not start', async () => {
  const page = await h.browser.context.newPage();
  try {
    const errors = [];
    page.on('console', (m) => errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const tampered = Buffer.from(built(WASM));
    tampered[tampered.length - 1] ^= 1; // one bit of the last section
    let served = 0;
    await page.route(`**/${WASM}`, (route) => {
      served++;
      route.fulfill({ status: 200, contentType: 'application/wasm', body: tampered });
    });
    await page.goto(formUrl(h.emulator.url));
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(1000);
    assert.equal(served, 1, 'still one request');
    assert.equal(await page.locator('button[type=submit]').count(), 0, 'no form from a module that failed its check');
    assert.ok(errors.some((e) => /integrity/i.test(e) && !/currently ignored/.test(e)), errors.join('\n'));
  } finally {
    await page.close();
  }
});
