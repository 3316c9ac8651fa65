// The production setup for real: Debian's nginx with deploy/css-snapshot-form.conf.template
// (started by deploy/run-nginx), serving the built page under a sub-path and proxying the API
// path to the emulator instead of https://css.{region}.myhuaweicloud.com.
//  - nginx A: the --public-url /tools/snapshot/ build at /tools/snapshot/, API at /css-api/,
//    X-Auth-Token added by nginx (the page sends none);
//  - nginx B: the default build (dist/, relative URLs) with the demo portal at a deeper path,
//    API at /api/css/, no server token: the token the page sends passes through; and without
//    brotli_static (--brotli-static off), as on a machine without Debian's brotli module.
// Both send the build's precompressed copies: .br (nginx A, when the module is installed) or .gz.
// deploy/run-nginx installs Debian's nginx if it is missing (as root).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import test from 'node:test';
import zlib from 'node:zlib';
import {
  CLUSTER_ID, PROJECT_ID, ROOT, collectErrors, formField, launchBrowser, stageSite, startChild,
  startEmulator, submitOf, trunkBuild, unexpected, wasmIntegrityIn,
} from './embed-support.mjs';

const TOKEN = 'nginx-side-token-0123456789';
const SUB_PATH = '/tools/snapshot/';
const SUBPATH_DIST = process.env.E2E_SUBPATH_DIST || path.join(ROOT, 'target/dist-subpath');
const CREATE_PATH = `/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`;
const WASM = 'css-snapshot-form_bg.wasm';
/** Debian's libnginx-mod-http-brotli-static (scripts/setup installs it where Debian has it). */
const BROTLI_STATIC = fs.existsSync('/usr/lib/nginx/modules/ngx_http_brotli_static_module.so');

/** GET `url` with `accept-encoding`, not decoded: status, headers and the bytes as sent. */
function rawGet(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

let site;
let emulator;
let nginxA;
let nginxB;
let browser;

function startNginx(args, env = {}) {
  return startChild(path.join(ROOT, 'deploy/run-nginx'), args,
    /^nginx listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/m, { env: { CSS_TOKEN: '', ...env }, name: 'nginx' });
}

test.before(async () => {
  if (!fs.existsSync(path.join(SUBPATH_DIST, 'index.html'))) {
    console.log(`building the sub-path page into ${SUBPATH_DIST} (scripts/test's build stage normally does)`);
    trunkBuild(['--public-url', SUB_PATH, '--dist', SUBPATH_DIST]);
  }
  site = stageSite();
  emulator = await startEmulator(site.dir, ['--token', TOKEN]);
  [nginxA, nginxB] = await Promise.all([
    startNginx(['--site', SUBPATH_DIST, '--upstream', emulator.url, '--sub-path', SUB_PATH, '--api-path', '/css-api/'],
      { CSS_TOKEN: TOKEN }),
    startNginx(['--site', site.dir, '--upstream', emulator.url, '--sub-path', '/ops/css/snapshots/',
      '--api-path', '/api/css/', '--brotli-static', 'off']),
  ]);
  browser = await launchBrowser();
});

test.after(async () => {
  await browser?.close();
  await Promise.all([nginxA?.stop(), nginxB?.stop()]);
  await emulator?.stop();
  site?.remove();
});

test.beforeEach(() => emulator.reset());

/** A new tab that records every response and the page's errors. */
async function newPage() {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  const responses = [];
  page.on('response', (r) => responses.push({ url: new URL(r.url()), status: r.status(), headers: r.headers(), request: r.request() }));
  return { page, errors, responses };
}

test('the sub-path build through nginx: created with 201 through the proxy, the token added by nginx', async () => {
  const { page, errors, responses } = await newPage();
  try {
    const query = new URLSearchParams({ project_id: PROJECT_ID, cluster_id: CLUSTER_ID, api_base: '/css-api', hide_token: '1' });
    await page.goto(`${nginxA.url}${SUB_PATH}?${query}`);
    await page.locator('button[type=submit]').waitFor();
    assert.equal(await page.locator('[name="x_auth_token"]').count(), 0);

    await page.locator('[name="name"]').fill('through_nginx');
    const [request, response] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST'),
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('button[type=submit]').click(),
    ]);
    assert.equal(new URL(request.url()).pathname, `/css-api${CREATE_PATH}`);
    assert.equal(request.headers()['x-auth-token'], undefined, 'the page sends no token');
    assert.equal(response.status(), 201);
    assert.equal(response.headers()['cache-control'], 'no-store');
    await page.getByRole('heading', { name: /Snapshot created/ }).waitFor();

    // The emulator got it without the prefix, with nginx's token.
    const [post] = await emulator.posts();
    assert.deepEqual([post.path, post.status, post.has_token], [CREATE_PATH, 201, true]);

    // Every file came from under the sub-path, with its type, and was found.
    const files = responses.filter((r) => !r.url.pathname.startsWith('/css-api/'));
    assert.ok(files.length >= 5, files.map((r) => r.url.pathname).join(' '));
    for (const r of files) {
      assert.ok(r.url.pathname.startsWith(SUB_PATH), `${r.url.pathname} is outside ${SUB_PATH}`);
      assert.equal(r.status, 200, r.url.pathname);
      assert.equal(r.headers['cache-control'], 'no-cache', r.url.pathname);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', r.url.pathname);
    }
    const type = (name) => files.find((r) => r.url.pathname.endsWith(name))?.headers['content-type'];
    assert.equal(type('.wasm'), 'application/wasm');
    assert.match(type('boot.js'), /javascript/);
    assert.match(type('form.css'), /^text\/css/);
    const csp = files.find((r) => r.url.pathname === SUB_PATH).headers['content-security-policy'];
    assert.match(csp, /frame-ancestors 'self'/);
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types 'none'/);
    // Every file arrived as the build's precompressed copy: brotli, which Chromium accepts, when
    // nginx has the module, else gzip.
    for (const r of files) {
      const accepts = (await r.request.allHeaders())['accept-encoding'];
      assert.match(accepts, /\bbr\b/, 'Chromium accepts brotli here');
      assert.equal(r.headers['content-encoding'], BROTLI_STATIC ? 'br' : 'gzip', r.url.pathname);
      assert.equal(r.headers.vary, 'Accept-Encoding', r.url.pathname);
    }
    // The page only works when the wasm matched its integrity: it did, compressed.
    assert.deepEqual(errors, []);
    // (This refusal logs an error of its own, so it comes after the check for none.)
    assert.equal(await page.evaluate(() => {
      try { document.body.innerHTML = '<b>x</b>'; return 'accepted'; } catch (e) { return e.name; }
    }), 'TypeError', 'Trusted Types are enforced');
  } finally {
    await page.close();
  }
});

test('nginx redirects the bare sub-path, compresses the wasm, and refuses what is not there', async () => {
  const bare = await fetch(`${nginxA.url}/tools/snapshot?project_id=${PROJECT_ID}`, { redirect: 'manual' });
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.get('location'), `${SUB_PATH}?project_id=${PROJECT_ID}`);

  const wasm = await fetch(`${nginxA.url}${SUB_PATH}css-snapshot-form_bg.wasm`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('content-encoding'), 'gzip');
  const bytes = new Uint8Array(await wasm.arrayBuffer()); // decoded by fetch
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'a wasm module');

  const escape = await fetch(`${nginxA.url}${SUB_PATH}%2e%2e/%2e%2e/%2e%2e/etc/passwd`);
  assert.ok(escape.status >= 400 && escape.status < 500, `${escape.status}`);
  assert.equal((await fetch(`${nginxA.url}${SUB_PATH}nothing-here.js`)).status, 404);
  assert.equal((await fetch(`${nginxA.url}/`)).status, 404, 'only the sub-path and the API path are served');
  // The API path reaches only the emulator's API, and a client token is replaced by nginx's.
  const listed = await fetch(`${nginxA.url}/css-api/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshots`,
    { headers: { 'X-Auth-Token': 'wrong' } });
  assert.equal(listed.status, 200);
});

test('the default build under another sub-path: the portal and the page, the token from the browser passing through', async () => {
  const { page, errors, responses } = await newPage();
  const base = `${nginxB.url}/ops/css/snapshots/`;
  try {
    // The demo portal: form B's token comes from the portal's request listener.
    await page.goto(`${base}portal/?api_base=/api/css`);
    for (const id of ['form-a', 'form-b', 'form-c']) await submitOf(page, id).waitFor();
    await page.locator('#portal-token').fill(TOKEN);
    await formField(page, 'form-b', 'name').fill('portal_through_nginx');
    await submitOf(page, 'form-b').click();
    await page.locator('#form-b').getByRole('heading', { name: /Snapshot created/ }).waitFor();

    // The standalone page: the user types the token.
    const query = new URLSearchParams({ project_id: PROJECT_ID, cluster_id: CLUSTER_ID, api_base: '/api/css' });
    await page.goto(`${base}?${query}`);
    await page.locator('[name="name"]').fill('page_through_nginx');
    await page.locator('[name="x_auth_token"]').fill(TOKEN);
    await page.locator('button[type=submit]').click();
    await page.getByRole('heading', { name: /Snapshot created/ }).waitFor();

    const posts = await emulator.posts();
    assert.deepEqual(posts.map((p) => [p.path, p.status, p.has_token, JSON.parse(p.body).name]), [
      [CREATE_PATH, 201, true, 'portal_through_nginx'],
      [CREATE_PATH, 201, true, 'page_through_nginx'],
    ]);
    for (const r of responses) {
      assert.ok(r.url.pathname.startsWith('/ops/css/snapshots/') || r.url.pathname.startsWith('/api/css/v1.0/'),
        `${r.url.pathname}: outside the sub-path and the API path`);
      assert.ok(r.status < 400, `${r.url.pathname}: ${r.status}`);
    }
    const mjs = responses.find((r) => r.url.pathname.endsWith('/portal.mjs'));
    assert.equal(mjs.headers['content-type'], 'text/javascript');
    // Without brotli_static the page still works, its files sent as the build's .gz copies.
    for (const name of ['boot.js', WASM, 'form.css']) {
      const r = responses.find((x) => x.url.pathname === `/ops/css/snapshots/${name}`);
      assert.equal(r?.headers['content-encoding'], 'gzip', name);
    }
    assert.deepEqual(unexpected(errors), []);
  } finally {
    await page.close();
  }
});

test('nginx sends the build\'s own .br and .gz copies, which decode to the built wasm its integrity names', async () => {
  const file = fs.readFileSync(path.join(SUBPATH_DIST, WASM));
  const integrity = wasmIntegrityIn(fs.readFileSync(path.join(SUBPATH_DIST, 'boot.js'), 'utf8'));
  assert.equal(integrity, sri(file));
  const url = `${nginxA.url}${SUB_PATH}${WASM}`;
  const gz = await rawGet(url, 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers['content-type'], 'application/wasm');
  assert.equal(gz.headers.vary, 'Accept-Encoding');
  // The file written at build time (gzip -9), not nginx compressing on the fly (which is chunked).
  assert.ok(gz.body.equals(fs.readFileSync(path.join(SUBPATH_DIST, `${WASM}.gz`))), 'the build\'s .gz');
  assert.ok(zlib.gunzipSync(gz.body).equals(file));
  const br = await rawGet(url, 'gzip, deflate, br');
  if (BROTLI_STATIC) {
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.ok(br.body.equals(fs.readFileSync(path.join(SUBPATH_DIST, `${WASM}.br`))), 'the build\'s .br');
    assert.ok(zlib.brotliDecompressSync(br.body).equals(file));
  } else {
    assert.equal(br.headers['content-encoding'], 'gzip', 'without the module, gzip');
  }
  const plain = await rawGet(url);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(file));

  // Without brotli_static (nginx B), a browser that accepts br gets the .gz copy.
  const b = await rawGet(`${nginxB.url}/ops/css/snapshots/${WASM}`, 'gzip, deflate, br');
  assert.equal(b.headers['content-encoding'], 'gzip');
  assert.ok(zlib.gunzipSync(b.body).equals(fs.readFileSync(path.join(site.dir, WASM))));
});
