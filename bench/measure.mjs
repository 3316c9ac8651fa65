// The bench: sizes of the built page and of the yardstick, and timings / memory measured in
// headless Chromium over several cold runs (a fresh browser and profile per page per run).
// `bench/run` builds everything, starts the servers and calls this; see bench/README.md.
//
//   node bench/measure.mjs --app URL --yardstick URL [--runs 7] [--keys 300] [--submits 100]
//                          [--dist dist] [--yardstick-dir bench/yardstick] [--enforce-size]
//   node bench/measure.mjs --sizes-only [--dist DIR]      # sizes of a build, no browser
//   node bench/measure.mjs --load-only --app URL --yardstick URL [--runs N] [--dist DIR]
//                          # only the load figures (bench/floor/run: a page with no keystroke or submit work)
//
// Exit status: 1 only with --enforce-size when a size budget is over (or when measuring fails).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { staticImports } from '../scripts/imports.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info',
];
/** The spec's example ids, put in the page's query so the form can be submitted. */
const PROJECT_ID = '6204a5bd270343b5885144cf9c8c158d';
const CLUSTER_ID = 'ea244205-d641-45d9-9dcb-ab2236bcd07e';
/** Keystrokes alternate between these: the verdict (aria-invalid) flips every time. */
const VALID_NAME = 'snapshot_001';
const INVALID_NAME = 'snapshot_00C';
/** The spec's "Example response" (create-snapshot-api.md), served with status 201: the copy the
 *  page's rehearsal and the reply tests read too (spec::EXAMPLE_CREATE_REPLY), sent compact. */
const EXAMPLE_REPLY = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/seed-reply.json'), 'utf8'));

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = {
    app: null, yardstick: null, runs: 7, keys: 300, submits: 100,
    dist: path.join(ROOT, 'bench/out/dist'), yardstickDir: path.join(ROOT, 'bench/yardstick'),
    budgets: path.join(ROOT, 'bench/budgets.json'), out: path.join(ROOT, 'bench/out/results.json'),
    enforceSize: false, sizesOnly: false, loadOnly: false, quiet: false,
  };
  const names = {
    '--app': 'app', '--yardstick': 'yardstick', '--runs': 'runs', '--keys': 'keys',
    '--submits': 'submits', '--dist': 'dist', '--yardstick-dir': 'yardstickDir',
    '--budgets': 'budgets', '--out': 'out',
  };
  for (let i = 2; i < argv.length; i++) {
    let [a, inline] = argv[i].split(/=(.*)/s, 2);
    if (a === '--enforce-size') o.enforceSize = true;
    else if (a === '--sizes-only') o.sizesOnly = true;
    else if (a === '--load-only') o.loadOnly = true;
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(0, 10).join('\n'));
      process.exit(0);
    } else if (names[a]) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      o[names[a]] = ['runs', 'keys', 'submits'].includes(names[a]) ? Number(v) : v;
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  for (const k of ['runs', 'keys', 'submits']) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`--${k} must be a positive integer`);
  }
  for (const k of ['dist', 'yardstickDir', 'budgets', 'out']) o[k] = path.resolve(o[k]);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Sizes: every file of a folder, raw, gzip -9 and brotli (quality 11)

const KINDS = { html: 'html', htm: 'html', js: 'js', mjs: 'js', wasm: 'wasm', css: 'css' };
/** The page's module: a folder without it is not a built page. */
const PAGE_WASM = 'css-snapshot-form_bg.wasm';

function listFiles(dir, base = dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue; // Trunk's .stage and the like
    // The build's precompressed copies (scripts/compress.mjs) are other encodings of a file, which
    // the gzip and brotli columns already measure.
    if (/\.(br|gz)$/.test(e.name) && fs.existsSync(path.join(dir, e.name.replace(/\.(br|gz)$/, '')))) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else if (e.isFile()) out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

/**
 * Without a browser, the files the page loads: index.html, the files it names (`href`, `src`:
 * style sheets, scripts, preloads) and the modules those scripts and its inline module scripts
 * import, statically and relative to them. (A file the page's code fetches by a URL it builds is
 * not found this way; the page's is the wasm, which index.html preloads.)
 */
function loadedFiles(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const found = new Set(['index.html']);
  const inDir = (from, url) => {
    const rel = path.relative(dir, path.resolve(path.dirname(path.join(dir, from)), url.split(/[?#]/)[0]));
    return !rel.startsWith('..') && fs.existsSync(path.join(dir, rel)) ? rel.split(path.sep).join('/') : null;
  };
  const queue = [];
  const add = (from, url) => {
    const f = inDir(from, url);
    if (f && !found.has(f)) { found.add(f); if (/\.m?js$/.test(f)) queue.push(f); }
  };
  for (const m of html.matchAll(/\b(?:href|src)="([^"]+)"/g)) if (!/^[a-z]+:/i.test(m[1])) add('index.html', m[1]);
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) for (const u of staticImports(m[1])) add('index.html', u);
  while (queue.length) {
    const f = queue.shift();
    for (const u of staticImports(fs.readFileSync(path.join(dir, f), 'utf8'))) add(f, u);
  }
  return found;
}

/**
 * Sizes of every file of `dir`. `counted` says which files the total covers: the files the page
 * fetched to show the form when known (from a browser run), else the files its index.html loads
 * (`loadedFiles`), else the top-level html, js, wasm and css files and wasm-bindgen's snippets/
 * (other subfolders, like a demo portal, are not the form).
 */
export function sizesOf(dir, counted = null, pageWasm = true) {
  const fetched = counted !== null;
  if (!counted && fs.existsSync(path.join(dir, 'index.html'))) counted = loadedFiles(dir);
  const files = listFiles(dir).map((file) => {
    const buf = fs.readFileSync(path.join(dir, file));
    const ext = path.extname(file).slice(1).toLowerCase();
    const kind = KINDS[ext] || 'other';
    return {
      file,
      kind,
      counted: counted ? counted.has(file) : kind !== 'other' && (!file.includes('/') || file.startsWith('snippets/')),
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_MODE]: kind === 'wasm' ? zlib.constants.BROTLI_MODE_GENERIC
            : zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        },
      }).length,
    };
  });
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files.filter((f) => f.counted)) for (const k of Object.keys(total)) total[k] += f[k];
  // An empty or half-built folder would pass every budget.
  if (pageWasm && !files.some((f) => f.file === PAGE_WASM && f.counted)) {
    throw new Error(`${dir}: no ${PAGE_WASM} among the files counted: not a built page (scripts/build)`);
  }
  const countedBy = fetched ? 'fetched by the page' : counted ? 'that index.html loads' : 'top-level html/js/wasm/css + snippets/';
  return { dir, countedBy, files, total };
}

// ---------------------------------------------------------------------------------------------
// Statistics

function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
function spread(xs) {
  const s = xs.filter((x) => Number.isFinite(x));
  if (!s.length) return { median: null, min: null, max: null, n: 0 };
  return { median: median(s), min: Math.min(...s), max: Math.max(...s), n: s.length };
}

// ---------------------------------------------------------------------------------------------
// In-page code (serialised by Playwright; must not close over anything)

/** Installed before any page script: records when the form becomes usable, FCP, the wasm. */
function initScript(ready) {
  const b = (window.__bench = { ready: undefined, started: undefined, fcp: undefined, wasm: null });
  // Whatever loader starts the module, it goes through WebAssembly.instantiate(Streaming): keep the
  // instance (its exports hold the linear memory) and when it was ready.
  for (const fn of ['instantiateStreaming', 'instantiate']) {
    const orig = WebAssembly[fn];
    if (typeof orig !== 'function') continue;
    WebAssembly[fn] = function (...args) {
      return orig.apply(this, args).then((r) => {
        const instance = r instanceof WebAssembly.Instance ? r : r && r.instance;
        if (instance && !b.wasm) {
          b.wasm = instance.exports;
          b.started = performance.now();
        }
        return r;
      });
    };
  }
  const check = () => {
    if (b.ready === undefined && ready.every((s) => document.querySelector(s))) {
      b.ready = performance.now();
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true, attributes: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch { /* no paint timing */ }
  performance.setResourceTimingBufferSize(10000);
  // For the "no IPC" submit figure: while b.stubReply is set, the create call is answered in the
  // page itself, so the time is the page's own work. Both pages call window.fetch.
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = String(typeof input === 'string' || input instanceof URL ? input : input && input.url);
    const method = String((init && init.method) || (input && input.method) || 'GET').toUpperCase();
    if (b.stubReply && method === 'POST' && /\/index_snapshot(\?|$)/.test(url)) {
      b.stubbed = (b.stubbed || 0) + 1;
      return Promise.resolve(new Response(b.stubReply, { status: 201, headers: { 'Content-Type': 'application/json' } }));
    }
    return realFetch.apply(window, arguments);
  };
}

/**
 * `n` keystrokes on the name field, alternating invalid / valid. Each: set the value, dispatch a
 * bubbling `input` event, and time until aria-invalid shows the new verdict (a MutationObserver
 * callback, i.e. at the first microtask checkpoint after the DOM changed, in whatever task that
 * happens). A macrotask separates keystrokes so work does not pile up.
 */
async function keystrokeBench({ n, valid, invalid, timeoutMs }) {
  const el = document.querySelector('input[name=name]');
  const macrotask = () => new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r();
    c.port2.postMessage(0);
  });
  const lat = [];
  let misses = 0;
  // Start from the valid side so the first keystroke (invalid) is a flip whatever the state.
  let want = el.getAttribute('aria-invalid') === 'true' ? 'false' : 'true';
  for (let i = 0; i < n; i++) {
    await macrotask();
    const v = want === 'true' ? invalid : valid;
    let done;
    const flipped = new Promise((r) => { done = r; });
    const mo = new MutationObserver(() => {
      if (el.getAttribute('aria-invalid') === want) done(performance.now());
    });
    mo.observe(el, { attributes: true, attributeFilter: ['aria-invalid'] });
    const timer = setTimeout(() => done(null), timeoutMs);
    const t0 = performance.now();
    el.value = v;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: v.slice(-1) }));
    const t1 = await flipped;
    clearTimeout(timer);
    mo.disconnect();
    if (t1 === null) misses++;
    else lat.push(t1 - t0);
    want = want === 'true' ? 'false' : 'true';
  }
  return { lat, misses };
}

/**
 * Fills a valid name, then clicks submit `n` times; each time measures from the click to a new
 * `.csf-result table` element in the DOM (the reply is answered instantly by page.route), and
 * when the reply's response ended (resource timing) to split network from rendering.
 */
async function submitBench({ n, name, timeoutMs }) {
  const macrotask = () => new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r();
    c.port2.postMessage(0);
  });
  const el = document.querySelector('input[name=name]');
  el.value = name;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
  await new Promise((r) => setTimeout(r, 50));
  const btn = document.querySelector('button[type=submit]');
  const total = [];
  const render = [];
  let misses = 0;
  for (let i = 0; i < n; i++) {
    await macrotask();
    performance.clearResourceTimings();
    const old = document.querySelector('.csf-result table');
    let done;
    const shown = new Promise((r) => { done = r; });
    const mo = new MutationObserver(() => {
      const t = document.querySelector('.csf-result table');
      if (t && t !== old) done(performance.now());
    });
    mo.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => done(null), timeoutMs);
    const t0 = performance.now();
    btn.click();
    const t1 = await shown;
    clearTimeout(timer);
    mo.disconnect();
    if (t1 === null) { misses++; continue; }
    total.push(t1 - t0);
    const entry = performance.getEntriesByType('resource').filter((e) => /\/index_snapshot(\?|$)/.test(e.name)).pop();
    if (entry && entry.responseEnd > 0) render.push(t1 - entry.responseEnd);
  }
  return { total, render, misses, domNodes: document.getElementsByTagName('*').length };
}

// ---------------------------------------------------------------------------------------------
// One cold run of one page

async function measureOnce(chromium, target, o) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'css-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
  });
  try {
    context.setDefaultTimeout(30_000);
    await context.addInitScript(initScript, target.ready);
    const page = context.pages()[0] || (await context.newPage());
    // Warm the fresh browser up on another (opaque) origin first: process start-up, fonts and the
    // first frame then do not land on whichever page is measured. The target's cache stays empty.
    await page.goto(`data:text/html,${encodeURIComponent('<!doctype html><p style="font-family:system-ui">warm-up</p><input><button>b</button>')}`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const requested = [];
    page.on('request', (r) => requested.push({ url: r.url(), method: r.method(), type: r.resourceType() }));

    await page.goto(target.url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench.ready !== undefined);
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const b = window.__bench;
      return {
        ready: b.ready,
        started: b.started ?? null,
        fcp: b.fcp ?? null,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
        responseStart: nav ? nav.responseStart : null,
        loadEvent: nav ? nav.loadEventEnd : null,
        transfers: [nav, ...res].filter(Boolean).map((e) => ({
          url: e.name, initiator: e.initiatorType || 'navigation', transferSize: e.transferSize,
          encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
        })),
      };
    });
    const cdp = await context.newCDPSession(page);
    const memory = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const wasm = await page.evaluate(() => {
        const w = window.__bench.wasm;
        const mem = w && (w.memory || Object.values(w).find((x) => x instanceof WebAssembly.Memory));
        return mem ? mem.buffer.byteLength : null;
      });
      const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      return { jsHeapUsed: heap.usedSize, jsHeapTotal: heap.totalSize, wasmMemory: wasm, domNodes };
    };
    const memLoad = await memory();
    if (o.loadOnly) return { ok: true, errors, load, requested, memory: { afterLoad: memLoad } };

    const keys = await page.evaluate(keystrokeBench, { n: o.keys, valid: VALID_NAME, invalid: INVALID_NAME, timeoutMs: 2000 });

    // Intercept only now, so the page load above is not slowed by interception.
    const body = JSON.stringify(EXAMPLE_REPLY);
    let posts = 0;
    // Only the create call (POST …/index_snapshot); anything else the page asks goes to the server.
    await page.route(/\/index_snapshot(\?|$)/, (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      if (route.request().method() === 'POST') posts++;
      return route.fulfill({ status: 201, contentType: 'application/json', body });
    });
    const submits = await page.evaluate(submitBench, { n: o.submits, name: VALID_NAME, timeoutMs: 5000 });
    const memSubmits = await memory();
    await page.evaluate((body) => { window.__bench.stubReply = body; }, body);
    const stubbed = await page.evaluate(submitBench, { n: o.submits, name: VALID_NAME, timeoutMs: 5000 });
    const stubCount = await page.evaluate(() => { const b = window.__bench; b.stubReply = null; return b.stubbed || 0; });
    // The same keystrokes with the result tables on screen: shows re-rendering of what did not change.
    const keysAfter = await page.evaluate(keystrokeBench, { n: o.keys, valid: VALID_NAME, invalid: INVALID_NAME, timeoutMs: 2000 });

    return {
      ok: true,
      errors,
      load,
      requested,
      memory: { afterLoad: memLoad, afterSubmits: memSubmits },
      keys: { p50: percentile(keys.lat, 50), p95: percentile(keys.lat, 95), max: Math.max(...keys.lat), n: keys.lat.length, misses: keys.misses, all: keys.lat },
      keysWithResult: { p50: percentile(keysAfter.lat, 50), p95: percentile(keysAfter.lat, 95), n: keysAfter.lat.length, misses: keysAfter.misses },
      submit: {
        first: submits.total[0] ?? null,
        p50: percentile(submits.total, 50),
        p95: percentile(submits.total, 95),
        renderP50: percentile(submits.render, 50),
        n: submits.total.length,
        misses: submits.misses,
        posts,
        all: submits.total,
        renderAll: submits.render,
      },
      submitInPage: {
        first: stubbed.total[0] ?? null,
        p50: percentile(stubbed.total, 50),
        p95: percentile(stubbed.total, 95),
        n: stubbed.total.length,
        misses: stubbed.misses,
        answered: stubCount,
        all: stubbed.total,
      },
    };
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const fmtInt = (n) => (n === null || n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const fmtMs = (n) => (n === null || n === undefined ? 'n/a' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const fmtKB = (n) => (n === null || n === undefined ? 'n/a' : `${(n / 1000).toFixed(1)} KB`);
const fmtMB = (n) => (n === null || n === undefined ? 'n/a' : `${(n / 1e6).toFixed(2)} MB`);
const pad = (s, w) => String(s).padEnd(w);
const lpad = (s, w) => String(s).padStart(w);

function sizeTable(title, s) {
  const lines = [`${title}  (${path.relative(ROOT, s.dir) || '.'}/; bytes; total = files ${s.countedBy})`];
  lines.push(`  ${pad('file', 44)}${lpad('raw', 10)}${lpad('gzip -9', 10)}${lpad('brotli', 10)}`);
  const shown = s.files.filter((f) => f.counted);
  for (const f of shown) {
    lines.push(`  ${pad(f.file, 44)}${lpad(fmtInt(f.raw), 10)}${lpad(fmtInt(f.gzip), 10)}${lpad(fmtInt(f.brotli), 10)}`);
  }
  lines.push(`  ${pad('total', 44)}${lpad(fmtInt(s.total.raw), 10)}${lpad(fmtInt(s.total.gzip), 10)}${lpad(fmtInt(s.total.brotli), 10)}`);
  const rest = s.files.filter((f) => !f.counted);
  if (rest.length) {
    const raw = rest.reduce((a, f) => a + f.raw, 0);
    lines.push(`  not counted (not needed for the form): ${rest.length} file(s), ${fmtInt(raw)} B raw: ${rest.slice(0, 6).map((f) => f.file).join(', ')}${rest.length > 6 ? ', …' : ''}`);
  }
  return lines.join('\n');
}

const spr = (s, f = fmtMs) => (s.median === null ? 'n/a' : `${f(s.median)} [${f(s.min)}–${f(s.max)}]`);

function summarise(runs) {
  const ok = runs.filter((r) => r.ok);
  const pick = (fn) => spread(ok.map(fn));
  return {
    runs: ok.length,
    formUsable: pick((r) => r.load.ready),
    formUsableAfterFirstByte: pick((r) => (r.load.responseStart ? r.load.ready - r.load.responseStart : null)),
    responseStart: pick((r) => r.load.responseStart),
    wasmStarted: pick((r) => r.load.started),
    fcp: pick((r) => r.load.fcp),
    domContentLoaded: pick((r) => r.load.domContentLoaded),
    loadEvent: pick((r) => r.load.loadEvent),
    keyP50: pick((r) => r.keys.p50),
    keyP95: pick((r) => r.keys.p95),
    keyMax: pick((r) => r.keys.max),
    keyMisses: ok.reduce((a, r) => a + r.keys.misses, 0),
    keyWithResultP50: pick((r) => r.keysWithResult.p50),
    keyWithResultP95: pick((r) => r.keysWithResult.p95),
    submitFirst: pick((r) => r.submit.first),
    submitP50: pick((r) => r.submit.p50),
    submitP95: pick((r) => r.submit.p95),
    submitRenderP50: pick((r) => r.submit.renderP50),
    submitMisses: ok.reduce((a, r) => a + r.submit.misses, 0),
    submitInPageFirst: pick((r) => r.submitInPage.first),
    submitInPageP50: pick((r) => r.submitInPage.p50),
    submitInPageP95: pick((r) => r.submitInPage.p95),
    submitInPageMisses: ok.reduce((a, r) => a + r.submitInPage.misses, 0),
    jsHeapAfterLoad: pick((r) => r.memory.afterLoad.jsHeapUsed),
    jsHeapAfterSubmits: pick((r) => r.memory.afterSubmits.jsHeapUsed),
    wasmAfterLoad: pick((r) => r.memory.afterLoad.wasmMemory),
    wasmAfterSubmits: pick((r) => r.memory.afterSubmits.wasmMemory),
    domNodesAfterLoad: pick((r) => r.memory.afterLoad.domNodes),
    domNodesAfterSubmits: pick((r) => r.memory.afterSubmits.domNodes),
  };
}

function checkBudgets(budgets, sizes, app, yard) {
  const out = [];
  const push = (name, value, limit, unit, enforced, note) => out.push({
    name, value, limit, unit, enforced,
    status: value === null || limit === null ? 'n/a' : value <= limit ? 'PASS' : 'OVER', note,
  });
  const sb = budgets.size;
  push(`total gzip -9 of the files fetched (html+js+wasm+css) ≤ ${fmtInt(sb.max_gzip_bytes)} B`, sizes.total.gzip, sb.max_gzip_bytes, 'B', true);
  push(`total brotli of the files fetched (html+js+wasm+css) ≤ ${fmtInt(sb.max_brotli_bytes)} B`, sizes.total.brotli, sb.max_brotli_bytes, 'B', true);
  const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);
  const fu = budgets.form_usable;
  push(`form usable ≤ ${fu.max_ratio_to_yardstick}× yardstick (median)`, ratio(app.formUsable.median, yard.formUsable.median),
    fu.max_ratio_to_yardstick, '×', false, `${fmtMs(app.formUsable.median)} ms vs ${fmtMs(yard.formUsable.median)} ms`);
  const kb = budgets.keystroke_feedback;
  push(`keystroke feedback p95 ≤ ${kb.max_p95_ms} ms (median of runs)`, app.keyP95.median, kb.max_p95_ms, 'ms', false);
  const st = budgets.submit_to_tables;
  push(`submit → tables ≤ ${st.max_ratio_to_yardstick}× yardstick (first submit, median)`, ratio(app.submitFirst.median, yard.submitFirst.median),
    st.max_ratio_to_yardstick, '×', false, `${fmtMs(app.submitFirst.median)} ms vs ${fmtMs(yard.submitFirst.median)} ms`);
  push(`  same, p50 of all submits (informative)`, ratio(app.submitP50.median, yard.submitP50.median),
    st.max_ratio_to_yardstick, '×', false, `${fmtMs(app.submitP50.median)} ms vs ${fmtMs(yard.submitP50.median)} ms`);
  push(`  same, reply made in-page, p50 (informative)`, ratio(app.submitInPageP50.median, yard.submitInPageP50.median),
    st.max_ratio_to_yardstick, '×', false, `${fmtMs(app.submitInPageP50.median)} ms vs ${fmtMs(yard.submitInPageP50.median)} ms`);
  return out;
}

/** Which files the page actually fetched, against the folder's files. */
function transferCheck(target, dir, runs) {
  const run = runs.find((r) => r.ok);
  if (!run) return null;
  const origin = new URL(target.url).origin;
  const fetched = run.load.transfers.filter((t) => t.url.startsWith(origin) && !t.url.includes('/v1.0/'));
  const files = new Set(listFiles(dir));
  const byPath = fetched.map((t) => {
    let p = decodeURIComponent(new URL(t.url).pathname).replace(/^\//, '');
    if (p === '' || p.endsWith('/')) p += 'index.html';
    return { ...t, file: p, inDir: files.has(p) };
  });
  const fetchedSet = new Set(byPath.map((t) => t.file));
  return {
    fetched: byPath,
    notFetched: [...files].filter((f) => !fetchedSet.has(f)),
    notInDir: byPath.filter((t) => !t.inDir).map((t) => t.url),
    other: run.requested.filter((r) => !r.url.startsWith(origin)).map((r) => r.url),
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const o = parseArgs(process.argv);
  const budgets = JSON.parse(fs.readFileSync(o.budgets, 'utf8'));
  const sizes = { app: sizesOf(o.dist, null, !o.loadOnly), yardstick: sizesOf(o.yardstickDir, null, false) };

  if (o.sizesOnly) {
    console.log(sizeTable('Built page', sizes.app));
    let over = false;
    for (const [kind, limit] of [['gzip', budgets.size.max_gzip_bytes], ['brotli', budgets.size.max_brotli_bytes]]) {
      const v = sizes.app.total[kind];
      over ||= v > limit;
      console.log(`${kind === 'gzip' ? '\n' : ''}size budget: ${fmtInt(v)} B ${kind} vs ${fmtInt(limit)} B: ${v > limit ? 'OVER' : 'PASS'}`);
    }
    const wasm = sizes.app.files.find((f) => f.file === PAGE_WASM);
    console.log(`the wasm alone: ${fmtInt(wasm.raw)} B raw, ${fmtInt(wasm.gzip)} B gzip, ${fmtInt(wasm.brotli)} B brotli`);
    process.exitCode = over && o.enforceSize ? 1 : 0;
    return;
  }
  if (!o.app || !o.yardstick) throw new Error('--app URL and --yardstick URL are required (bench/run passes them)');

  const { chromium } = await import('playwright-core');
  const query = `?project_id=${PROJECT_ID}&cluster_id=${CLUSTER_ID}`;
  const targets = {
    app: {
      key: 'app', label: 'Yew page', url: new URL('/' + query, o.app).href,
      // The name field and the submit button both rendered by the app: the wasm runs.
      ready: ['.csf input[name=name]', '.csf button[type=submit]'],
    },
    yardstick: {
      key: 'yardstick', label: 'yardstick', url: new URL('/' + query, o.yardstick).href,
      // The script has run and wired the form.
      ready: ['form[data-ready] input[name=name]', 'form[data-ready] button[type=submit]'],
    },
  };
  let chromiumVersion = null;
  try { chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim(); } catch { /* unknown */ }
  let commit = null;
  try {
    commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' (+ uncommitted changes)';
  } catch { /* not a checkout */ }

  const loadavgBefore = os.loadavg();
  const runs = { app: [], yardstick: [] };
  for (let i = 0; i < o.runs; i++) {
    // Alternate the order so neither page always goes first.
    const order = i % 2 ? ['yardstick', 'app'] : ['app', 'yardstick'];
    for (const key of order) {
      const t0 = Date.now();
      let r;
      try {
        r = await measureOnce(chromium, targets[key], o);
      } catch (e) {
        r = { ok: false, error: String(e && e.stack || e) };
      }
      runs[key].push(r);
      const note = r.ok && o.loadOnly ? `usable ${fmtMs(r.load.ready)} ms` : r.ok
        ? `usable ${fmtMs(r.load.ready)} ms, key p95 ${fmtMs(r.keys.p95)} ms, submit ${fmtMs(r.submit.first)} ms${r.errors.length ? `, ${r.errors.length} page error(s)` : ''}`
        : `FAILED: ${r.error.split('\n')[0]}`;
      console.error(`[bench] run ${i + 1}/${o.runs} ${targets[key].label}: ${note} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  const failed = [...runs.app, ...runs.yardstick].filter((r) => !r.ok);
  if (o.loadOnly) return printLoadOnly(o, targets, runs, sizes, failed);
  const summary = { app: summarise(runs.app), yardstick: summarise(runs.yardstick) };
  const transfer = { app: transferCheck(targets.app, o.dist, runs.app), yardstick: transferCheck(targets.yardstick, o.yardstickDir, runs.yardstick) };
  // Count exactly what the page fetched (the transfer list), with the sizes of the files on disk.
  for (const [key, dir] of [['app', o.dist], ['yardstick', o.yardstickDir]]) {
    const t = transfer[key];
    if (t) sizes[key] = sizesOf(dir, new Set(t.fetched.filter((f) => f.inDir).map((f) => f.file)), key === 'app');
  }

  const budgetLines = checkBudgets(budgets, sizes.app, summary.app, summary.yardstick);

  // --- print
  const A = summary.app;
  const Y = summary.yardstick;
  const L = [];
  L.push(`css-snapshot-form bench — ${new Date().toISOString()}  commit ${commit ?? '?'}  ${chromiumVersion ?? ''}`);
  L.push(`server: ${process.env.BENCH_SERVER || '?'}; load average before ${loadavgBefore.map((x) => x.toFixed(2)).join(' ')}, after ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  L.push(`${o.runs} cold runs per page (fresh browser + profile each), ${o.keys} keystrokes and ${o.submits} submits per run; median [min–max] over runs`);
  L.push('');
  L.push(sizeTable('Built page', sizes.app));
  L.push('');
  L.push(sizeTable('Yardstick', sizes.yardstick));
  for (const key of ['app', 'yardstick']) {
    const t = transfer[key];
    if (!t) continue;
    L.push(`  fetched by the ${targets[key].label} to show the form: ${t.fetched.map((f) => `${f.file} (${fmtInt(f.encodedBodySize)} B on the wire)`).join(', ')}`);
    if (t.notFetched.length) L.push(`    in the folder but not fetched: ${t.notFetched.length > 8 ? `${t.notFetched.slice(0, 8).join(', ')}, … (${t.notFetched.length})` : t.notFetched.join(', ')}`);
    if (t.notInDir.length) L.push(`    fetched but not in the folder: ${t.notInDir.join(', ')}`);
    if (t.other.length) L.push(`    other origins: ${t.other.join(', ')}`);
  }
  L.push('');
  const W = 46;
  L.push(`${pad('Timings (ms)', W)}${pad('Yew page', 26)}${pad('yardstick', 26)}ratio`);
  const row = (label, a, y, f = fmtMs) => {
    const r = a.median !== null && y.median ? `${(a.median / y.median).toFixed(2)}×` : '';
    L.push(`${pad('  ' + label, W)}${pad(spr(a, f), 26)}${pad(spr(y, f), 26)}${r}`);
  };
  row('form usable (navigation → name + button)', A.formUsable, Y.formUsable);
  row('  first contentful paint', A.fcp, Y.fcp);
  row("  the HTML's first byte (responseStart)", A.responseStart, Y.responseStart);
  row("  form usable after the HTML's first byte", A.formUsableAfterFirstByte, Y.formUsableAfterFirstByte);
  row('  DOMContentLoaded', A.domContentLoaded, Y.domContentLoaded);
  row('  wasm instantiated', A.wasmStarted, Y.wasmStarted);
  row(`keystroke → verdict p50`, A.keyP50, Y.keyP50);
  row(`keystroke → verdict p95`, A.keyP95, Y.keyP95);
  row(`keystroke → verdict max`, A.keyMax, Y.keyMax);
  row(`  p95 with the result tables shown`, A.keyWithResultP95, Y.keyWithResultP95);
  row('submit → tables, first submit', A.submitFirst, Y.submitFirst);
  row(`submit → tables, p50 of ${o.submits}`, A.submitP50, Y.submitP50);
  row(`submit → tables, p95 of ${o.submits}`, A.submitP95, Y.submitP95);
  row('  of which reply end → tables (p50)', A.submitRenderP50, Y.submitRenderP50);
  row('submit → tables, reply made in-page, 1st', A.submitInPageFirst, Y.submitInPageFirst);
  row(`submit → tables, reply made in-page, p50`, A.submitInPageP50, Y.submitInPageP50);
  row(`submit → tables, reply made in-page, p95`, A.submitInPageP95, Y.submitInPageP95);
  L.push('');
  L.push(`${pad('Memory (after a forced GC)', W)}${pad('Yew page', 26)}${pad('yardstick', 26)}`);
  row('JS heap used, after load', A.jsHeapAfterLoad, Y.jsHeapAfterLoad, fmtMB);
  row(`JS heap used, after ${o.submits} submits`, A.jsHeapAfterSubmits, Y.jsHeapAfterSubmits, fmtMB);
  row('wasm linear memory, after load', A.wasmAfterLoad, Y.wasmAfterLoad, fmtMB);
  row(`wasm linear memory, after ${o.submits} submits`, A.wasmAfterSubmits, Y.wasmAfterSubmits, fmtMB);
  row('DOM elements, after load', A.domNodesAfterLoad, Y.domNodesAfterLoad, fmtInt);
  row(`DOM elements, after ${o.submits} submits`, A.domNodesAfterSubmits, Y.domNodesAfterSubmits, fmtInt);
  if (A.keyMisses || A.submitMisses || Y.keyMisses || Y.submitMisses || A.submitInPageMisses || Y.submitInPageMisses) {
    L.push(`  missed (no DOM change within the timeout): keystrokes app ${A.keyMisses} / yardstick ${Y.keyMisses}, submits app ${A.submitMisses + A.submitInPageMisses} / yardstick ${Y.submitMisses + Y.submitInPageMisses}`);
  }
  L.push('');
  L.push('Budgets (bench/budgets.json; only the size budgets can fail, with --enforce-size)');
  for (const b of budgetLines) {
    const v = b.value === null ? 'n/a' : b.unit === 'B' ? `${fmtInt(b.value)} B` : b.unit === '×' ? `${b.value.toFixed(2)}×` : `${fmtMs(b.value)} ms`;
    L.push(`  ${pad(b.status, 5)} ${pad(b.name, 60)} ${v}${b.note ? `  (${b.note})` : ''}`);
  }
  if (failed.length) {
    L.push('');
    L.push(`${failed.length} run(s) failed:`);
    for (const f of failed) L.push(`  ${f.error.split('\n').slice(0, 3).join(' | ')}`);
  }
  const pageErrors = [...runs.app, ...runs.yardstick].filter((r) => r.ok).flatMap((r) => r.errors);
  if (pageErrors.length) L.push(`page errors: ${[...new Set(pageErrors)].join(' | ')}`);
  console.log(L.join('\n'));

  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, JSON.stringify({
    meta: {
      date: new Date().toISOString(), commit, chromium: chromiumVersion, node: process.version,
      server: process.env.BENCH_SERVER || null, loadavgBefore, loadavgAfter: os.loadavg(), cpus: os.cpus().length, runs: o.runs, keystrokes: o.keys, submits: o.submits,
      app: targets.app.url, yardstick: targets.yardstick.url,
      units: 'sizes in bytes; times in ms from performance.now() (navigation start = 0); memory in bytes',
    },
    sizes, transfer, summary, budgets: budgetLines, runs,
  }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), o.out)}`);

  const sizeOver = budgetLines.some((b) => b.unit === 'B' && b.status === 'OVER');
  if (o.enforceSize && sizeOver) {
    console.error('[bench] a size budget is OVER (--enforce-size): exit 1');
    process.exitCode = 1;
  }
  if (failed.length === runs.app.length + runs.yardstick.length) {
    console.error('[bench] every run failed');
    process.exitCode = 1;
  }
}

/** `--load-only`: the load figures of both pages, and the sizes the first page fetched. */
function printLoadOnly(o, targets, runs, sizes, failed) {
  const t = transferCheck(targets.app, o.dist, runs.app);
  if (t) sizes.app = sizesOf(o.dist, new Set(t.fetched.filter((f) => f.inDir).map((f) => f.file)), false);
  const ok = (key) => runs[key].filter((r) => r.ok);
  const fig = (key, fn) => spread(ok(key).map(fn));
  const L = [sizeTable(`Page at ${o.app}`, sizes.app), ''];
  L.push(`${o.runs} cold runs per page; median [min–max], ms; load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const rows = [
    ['form usable (navigation → name + button)', (r) => r.load.ready],
    ["  after the HTML's first byte", (r) => (r.load.responseStart ? r.load.ready - r.load.responseStart : null)],
    ['  wasm instantiated', (r) => r.load.started],
    ['  DOMContentLoaded', (r) => r.load.domContentLoaded],
  ];
  for (const [label, fn] of rows) {
    const a = fig('app', fn);
    const y = fig('yardstick', fn);
    const ratio = a.median !== null && y.median ? ` ${(a.median / y.median).toFixed(2)}×` : '';
    L.push(`  ${pad(label, 46)}${pad(spr(a), 28)}${pad(spr(y), 28)}${ratio}`);
  }
  console.log(L.join('\n'));
  if (failed.length) {
    for (const f of failed) console.error(`[bench] failed run: ${f.error.split('\n')[0]}`);
    process.exitCode = 1;
  }
}

// Run only as a program; bench/levers.mjs imports sizesOf.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e && e.stack || e);
    process.exit(2);
  });
}
