// Helpers for the embedding tests (portal, iframe, nginx): a served folder holding the built page
// and the demo portal, child processes that say where they listen, and page checks that reach
// into the forms' shadow roots. harness.mjs stays as it is; its browser launcher is reused.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, TIMEOUT_MS } from './harness.mjs';

export { CLUSTER_ID, PROJECT_ID, ROOT, TIMEOUT_MS, launchBrowser, wasmIntegrityIn } from './harness.mjs';

export const EMULATOR = process.env.CSS_EMULATOR || path.join(ROOT, 'target/debug/css-emulator');
export const DIST = process.env.E2E_DIST || path.join(ROOT, 'dist');
export const PORTAL_SRC = path.join(ROOT, 'www/portal');
/** The portal's second project id (its "switch project-id" button). */
export const OTHER_PROJECT_ID = '0123456789abcdef0123456789abcdef';
/** The events a form sends to its host page. */
export const EVENTS = ['snapshot-created', 'snapshot-failed', 'snapshot-completed', 'request'];

/**
 * A temporary folder with the built page (`dist`) and, under portal/, the demo portal as it is in
 * www/portal now (so the portal is tested whether or not the build copies it yet). Readable by
 * all, as nginx's workers run as another user.
 */
export function stageSite(dist = DIST) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`built page missing: ${dist}/index.html (scripts/test builds it before the e2e stage)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'css-embed-site-'));
  fs.cpSync(dist, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'portal'), { recursive: true, force: true });
  fs.cpSync(PORTAL_SRC, path.join(dir, 'portal'), { recursive: true });
  fs.chmodSync(dir, 0o755);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts `command args` and resolves once its stdout has a line matching `ready` (whose first
 * group is returned as `url`). The child never outlives the test process.
 */
export async function startChild(command, args, ready, { env, name = path.basename(command) } = {}) {
  const child = spawn(command, args, {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  // detached: its own process group, so the whole group (nginx's workers too) can be stopped.
  const killGroup = (signal) => {
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  };
  const killOnExit = () => killGroup('SIGKILL');
  process.on('exit', killOnExit);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (process.env.E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  });
  let stdout = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name}: not ready within 60 s`)), 60_000);
    function fail(err) {
      clearTimeout(timer);
      killGroup('SIGKILL');
      err.message += `\n${command} ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`;
      reject(err);
    }
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`${name} exited early (${code ?? signal})`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const m = stdout.match(ready);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve(m[1]);
      }
    });
  });
  child.stdout.on('data', (chunk) => {
    if (process.env.E2E_VERBOSE) process.stdout.write(`[${name}] ${chunk}`);
  });
  return {
    url,
    child,
    stderr: () => stderr,
    /** Stops the child (idempotent): SIGTERM to its group, SIGKILL after 3 s. */
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      killGroup('SIGTERM');
      const force = setTimeout(() => killGroup('SIGKILL'), 3_000);
      await gone;
      clearTimeout(force);
    },
  };
}

/** The emulator serving `serveDir`, with extra options (e.g. ['--token', 't', '--build-seconds', '1']). */
export async function startEmulator(serveDir, extraArgs = []) {
  if (!fs.existsSync(EMULATOR)) {
    throw new Error(`emulator binary missing: ${EMULATOR} (scripts/test builds it before the e2e stage)`);
  }
  const args = ['--listen', '127.0.0.1:0', '--serve-dir', serveDir, ...extraArgs];
  const emu = await startChild(EMULATOR, args, /^css-emulator listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/m);
  return Object.assign(emu, {
    /** Requests the emulator received on /v1.0/..., oldest first. */
    async requests() {
      const res = await fetch(`${emu.url}/_emulator/requests`);
      if (!res.ok) throw new Error(`GET /_emulator/requests: ${res.status}`);
      return res.json();
    },
    async posts() {
      return (await this.requests()).filter((r) => r.method === 'POST');
    },
    async reset() {
      const res = await fetch(`${emu.url}/_emulator/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`POST /_emulator/reset: ${res.status}`);
    },
  });
}

/**
 * Errors a page reports: uncaught exceptions and console.error lines. Call before navigating.
 * The integrity warning on preload links is known noise (see TOOLCHAIN.md) and is a warning.
 */
export function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  return errors;
}

/**
 * Records every form event that reaches `document` in the bubbling phase, as window.__events
 * entries {type, from (target id), bubbles, composed, phase, detail}. Call before navigating.
 */
export async function recordEvents(page) {
  await page.addInitScript((types) => {
    window.__events = [];
    for (const type of types) {
      document.addEventListener(type, (e) => {
        window.__events.push({
          type,
          from: e.target?.id ?? null,
          bubbles: e.bubbles,
          composed: e.composed,
          phase: e.eventPhase,
          detail: JSON.parse(JSON.stringify(e.detail ?? null)),
        });
      });
    }
  }, EVENTS);
}

/** Waits for a recorded event of `type` from the element `from` and returns the first one. */
export async function eventFrom(page, type, from) {
  const handle = await page.waitForFunction(
    ([t, f]) => window.__events.find((e) => e.type === t && e.from === f),
    [type, from],
  );
  return handle.jsonValue();
}

/** Recorded events, optionally only those of one type. */
export function events(page, type) {
  return page.evaluate((t) => window.__events.filter((e) => !t || e.type === t), type);
}

/** A field of the form inside element `#id` (Playwright locators pierce open shadow roots). */
export function formField(page, id, name) {
  return page.locator(`#${id}`).locator(`[name="${name}"]`);
}

/** The submit button of the form inside `#id`. */
export function submitOf(page, id) {
  return page.locator(`#${id}`).locator('button[type=submit]');
}

/** Computed style properties of the first element matching `selector` in `#id`'s shadow root (or in the document when id is null). */
export function styleOf(page, id, selector, props) {
  return page.evaluate(([hostId, sel, names]) => {
    const scope = hostId ? document.getElementById(hostId).shadowRoot : document;
    const el = scope.querySelector(sel);
    if (!el) throw new Error(`no ${sel} in ${hostId ?? 'document'}`);
    const cs = getComputedStyle(el);
    return Object.fromEntries(names.map((n) => [n, cs.getPropertyValue(n)]));
  }, [id, selector, props]);
}

/** `trunk build --release` with extra arguments, tools on PATH as scripts/test sets them. */
export function trunkBuild(args) {
  const env = {
    ...process.env,
    PATH: `${path.join(ROOT, 'node_modules/.bin')}:${path.join(os.homedir(), '.cargo/bin')}:${process.env.PATH}`,
    TRUNK_SKIP_VERSION_CHECK: 'true',
  };
  // scripts/build: trunk build --release as the page ships.
  const r = spawnSync(path.join(ROOT, 'scripts/build'), ['--offline', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/build ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

export const WAIT = { timeout: TIMEOUT_MS };

/**
 * The errors left after dropping Chromium's network lines for the HTTP statuses a test expects
 * ("Failed to load resource: the server responded with a status of 409 (Conflict)").
 */
export function unexpected(errors, ...statuses) {
  return errors.filter((e) => !statuses.some((s) =>
    e === `console.error: Failed to load resource: the server responded with a status of ${s} (${STATUS_TEXT[s]})`));
}
const STATUS_TEXT = { 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict' };
