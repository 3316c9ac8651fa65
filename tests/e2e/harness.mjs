// End-to-end harness: a real css-emulator serving the Trunk-built page (dist/) and the API on one
// origin, and a headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
// It builds nothing: scripts/test builds the emulator and dist/ before `node --test tests/e2e/`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT_DIR = path.join(ROOT, 'test-output');

/** The example ids from the spec. */
export const PROJECT_ID = '6204a5bd270343b5885144cf9c8c158d';
export const CLUSTER_ID = 'ea244205-d641-45d9-9dcb-ab2236bcd07e';

/** How long any single wait may take (the first page load compiles the wasm). */
export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 15_000);

const EMULATOR = process.env.CSS_EMULATOR || path.join(ROOT, 'target/debug/css-emulator');
const DIST = process.env.E2E_DIST || path.join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Starts `css-emulator --listen 127.0.0.1:0 --serve-dir dist` and resolves once it has printed
 * `css-emulator listening on http://127.0.0.1:PORT`.
 * @param {{token?: string, clusters?: string[], args?: string[], listen?: string}} [options]
 *   clusters: "PROJECT/CLUSTER=NAME" items; args: more emulator options; listen: a fixed address
 */
export async function startEmulator({ token, clusters = [], args: extra = [], listen = '127.0.0.1:0' } = {}) {
  for (const [what, file] of [['emulator binary', EMULATOR], ['built page', path.join(DIST, 'index.html')]]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${what} missing: ${file} (scripts/test builds it before the e2e stage)`);
    }
  }
  const args = ['--listen', listen, '--serve-dir', DIST, ...extra];
  if (token) args.push('--token', token);
  for (const c of clusters) args.push('--cluster', c);

  const child = spawn(EMULATOR, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  // Never outlive the test process, even when it is interrupted.
  const killOnExit = () => child.kill('SIGKILL');
  const killOnSignal = (signal) => {
    child.kill('SIGKILL');
    process.exit(128 + os.constants.signals[signal]);
  };
  process.on('exit', killOnExit);
  process.once('SIGINT', killOnSignal);
  process.once('SIGTERM', killOnSignal);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (process.env.E2E_VERBOSE) process.stderr.write(`[css-emulator] ${chunk}`);
  });

  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error('no "listening" line within 15 s')), 15_000);
    function fail(err) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      err.message += `\n${EMULATOR} ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`;
      reject(err);
    }
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`emulator exited early (${code ?? signal})`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const m = stdout.match(/^css-emulator listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/m);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve(m[1]);
      }
    });
  });
  // Keep draining stdout so the child never blocks on a full pipe.
  child.stdout.resume();

  return {
    url,
    child,
    /** Requests the emulator received on /v1.0/..., oldest first, bodies parsed when JSON. */
    async requests() {
      const res = await fetch(`${url}/_emulator/requests`);
      if (!res.ok) throw new Error(`GET /_emulator/requests: ${res.status}`);
      return (await res.json()).map((r) => ({ ...r, json: parseBody(r.body) }));
    },
    /** Only the POSTs, the calls that would create a snapshot. */
    async posts() {
      return (await this.requests()).filter((r) => r.method === 'POST');
    },
    async reset() {
      const res = await fetch(`${url}/_emulator/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`POST /_emulator/reset: ${res.status}`);
    },
    /** Stops the emulator (idempotent); resolves once the process is gone. */
    async stop() {
      process.off('exit', killOnExit);
      process.off('SIGINT', killOnSignal);
      process.off('SIGTERM', killOnSignal);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await gone;
      clearTimeout(force);
    },
  };
}

function parseBody(body) {
  if (body === null || body === undefined) return null;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Launches Chromium with a fresh temporary profile. `locale` sets the browser's language
 * (navigator.languages, Accept-Language; default en-US whatever the machine's), `timezoneId`
 * its time zone (default: the machine's).
 */
export async function launchBrowser({ viewport = { width: 1280, height: 900 }, locale = 'en-US', timezoneId } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'css-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale,
    ...(timezoneId ? { timezoneId } : {}),
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The wasm's integrity as boot.js fetches it: the one `sha384-…` value in boot.js's text (the
 * release build minifies boot.js, so the constant's name is not kept). */
export function wasmIntegrityIn(bootText) {
  const found = [...bootText.matchAll(/['"](sha384-[A-Za-z0-9+/]+={0,2})['"]/g)];
  if (found.length !== 1) throw new Error(`boot.js names ${found.length} integrity values, not one`);
  return found[0][1];
}

/** The page's address with the ids (and any other query parameters) in its query. */
export function formUrl(base, query = { project_id: PROJECT_ID, cluster_id: CLUSTER_ID }) {
  const u = new URL('/', base);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.href;
}

/**
 * One emulator and one browser for a test file: call in the file's top level.
 * Returns an object whose fields are filled in `before`.
 */
export function useHarness(test, { viewport, token, clusters, locale, timezoneId } = {}) {
  const h = {
    emulator: null,
    browser: null,
    /** Opens a new tab on the form and waits until the app has rendered its submit button. */
    async open(query) {
      const page = await h.browser.context.newPage();
      page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
      await page.goto(formUrl(h.emulator.url, query));
      await page.locator('button[type=submit]').waitFor();
      return page;
    },
  };
  test.before(async () => {
    h.emulator = await startEmulator({ token, clusters });
    h.browser = await launchBrowser({ viewport, locale, timezoneId });
  });
  test.after(async () => {
    await h.browser?.close();
    await h.emulator?.stop();
  });
  return h;
}

/** Runs `body(page)`, saving a screenshot to test-output/<name>-failure.png if it throws. */
export async function withPage(h, name, body, query) {
  const page = await h.open(query);
  try {
    await body(page);
  } catch (err) {
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    await page
      .screenshot({ path: path.join(OUTPUT_DIR, `${slug(name)}-failure.png`), fullPage: true })
      .catch(() => {});
    throw err;
  } finally {
    await page.close();
  }
}

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Saves a full-page screenshot under test-output/ and returns its path. */
export async function screenshot(page, file) {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const out = path.join(OUTPUT_DIR, file);
  await page.screenshot({ path: out, fullPage: true });
  return out;
}

// ---- the page's markup contract -----------------------------------------------------------

export const FIELDS = ['project_id', 'cluster_id', 'name', 'description', 'indices', 'x_auth_token'];

/** The control for a field: input (or textarea) by its name attribute. */
export function field(page, name) {
  return page.locator(`[name="${name}"]`);
}

/** Types each value into its field (replacing what was there). */
export async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    await field(page, name).fill(value);
  }
}

/** The current value of every field, by name. */
export async function formValues(page) {
  const out = {};
  for (const name of FIELDS) out[name] = await field(page, name).inputValue();
  return out;
}

/** Waits until the field is marked invalid and returns the text of its linked message(s). */
export async function fieldError(page, name) {
  const invalid = page.locator(`[name="${name}"][aria-invalid="true"]`);
  await invalid.waitFor();
  return page.waitForFunction((n) => {
    const el = document.querySelector(`[name="${n}"]`);
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const text = ids.map((id) => document.getElementById(id)?.textContent?.trim() || '').join(' ').trim();
    return text || null;
  }, name).then((handle) => handle.jsonValue());
}

/** The first visible role=alert once it has text. */
export async function alertText(page) {
  const alert = page.locator('[role="alert"]').filter({ hasText: /\S/ }).first();
  await alert.waitFor();
  return (await alert.textContent()).trim();
}

/** The text of the <td> right after the <th> whose text is exactly `name` (first match). */
export async function cell(page, name) {
  const td = page
    .locator(`xpath=//th[normalize-space(.)="${name}"]/following-sibling::td[1]`)
    .first();
  await td.waitFor();
  return (await td.textContent()).trim();
}

// "In flight" as the page shows it: the submit button is disabled (`disabled` or
// aria-disabled="true"), or it or an ancestor is aria-busy="true".
function inFlightNow() {
  const b = document.querySelector('button[type=submit]');
  return b.disabled || b.getAttribute('aria-disabled') === 'true' || b.closest('[aria-busy="true"]') !== null;
}

/**
 * Lets the page finish what a render started. Yew's scheduler yields to the browser once it has
 * run for ~16 ms (a `setTimeout(0)`), and a render's effects, where the page moves the focus, may
 * then run in that later task: a slow render (tests side by side in tabs, a busy machine) leaves
 * the DOM updated and the focus not yet moved. Three tasks let the yield and what it queues run.
 */
export async function settled(page) {
  await page.evaluate(async () => {
    for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Waits until the page shows a request in flight. */
export async function busy(page) {
  await page.waitForFunction(inFlightNow);
}

/** Waits until no request is in flight (the submit button is usable again). */
export async function idle(page) {
  await page.waitForFunction(`!(${inFlightNow.toString()})()`);
}

/**
 * Holds the page's list calls (GET .../index_snapshots, used to follow a new snapshot) unanswered
 * for the page's life, so what is checked is the create reply alone, whatever the timing.
 */
export async function holdListCalls(page) {
  await page.route(/\/index_snapshots(\?|$)/, () => new Promise(() => {}));
}

/** Waits for the result heading ("Snapshot created ..."). */
export async function resultHeading(page) {
  const heading = page.getByRole('heading', { name: /Snapshot created/ });
  await heading.waitFor();
  return heading;
}

/** Copies test-output/result.png to docs/screenshot.png when UPDATE_SCREENSHOT=1. */
export function maybeUpdateDocsScreenshot(file) {
  if (process.env.UPDATE_SCREENSHOT !== '1') return false;
  const dest = path.join(ROOT, 'docs', 'screenshot.png');
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(file, dest);
  return true;
}
