// Faults between the page and the service (css-emulator's fault injection): every HTTP error
// status with every error body shape, 429, a dropped connection, a reply cut off mid-body, non-JSON
// bodies and an empty 201. For each: a clear alert, the typed form intact, the submit control
// usable again, and exactly one create request per click (a create is never retried on its own).
//
// One emulator serves the whole file: Playwright adds `X-Emulator-Fault: KIND` to the page's
// create request on its way out, so each test picks its fault without restarting anything. The
// tests run a few at a time (each in its own tab); each counts only the requests carrying its own
// snapshot name.
import assert from 'node:assert/strict';
import test, { describe, it } from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, fill, formValues, idle, useHarness, withPage,
} from './harness.mjs';

const h = useHarness(test);

/** How many tests run at once (tabs in the one browser). */
const CONCURRENCY = Number(process.env.E2E_FAULT_CONCURRENCY || 3);

const SUBMIT = 'button[type=submit]';

/** How long to keep watching for an unasked-for create after the last failure. */
const SETTLE_MS = 500;

/** The body css-emulator sends for `not-json` and `created-not-json` (emulator/src/faults.rs). */
const NOT_JSON_BODY = 'upstream connect error or disconnect/reset before headers';
const CREATED_NOT_JSON_BODY = 'Snapshot request accepted (css-emulator: not JSON)';

/** What the page says when nothing (or only part of a reply) came back. */
const UNREACHABLE = /could ?n[o']t (be )?reach|unreachable|not reachable/i;

/**
 * Adds `X-Emulator-Fault: kind()` to the page's create calls (POST .../index_snapshot) before they
 * leave the browser; the list calls (.../index_snapshots) pass untouched.
 */
async function injectFault(page, kind) {
  await page.route(/\/index_snapshot(\?|$)/, (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    return route.continue({ headers: { ...request.headers(), 'x-emulator-fault': kind() } });
  });
}

function typedValues(name) {
  return {
    name, description: 'Before the fault', indices: 'logs-2024,metrics-*', x_auth_token: 'fault-token',
  };
}

/**
 * Resolves once the emulator has logged `n` create requests for `name`; fails on more, unless
 * `resends` allows it: when a connection closes with no reply at all, Chromium's network stack
 * itself may send the same request again on a fresh connection, below the page (the page's own
 * requests are then counted in the browser instead).
 */
async function waitForPosts(name, n, { resends = false } = {}) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const posts = (await h.emulator.posts()).filter((p) => p.json?.name === name);
    if (resends && posts.length >= n) return posts;
    assert.ok(posts.length <= n, `expected ${n} create request(s), the emulator got ${posts.length}`);
    if (posts.length === n) return posts;
    assert.ok(Date.now() < deadline, `only ${posts.length} of ${n} create request(s) arrived`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The names of the example cluster's snapshots, asked of the emulator directly. */
async function snapshotNames() {
  const res = await fetch(`${h.emulator.url}/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshots`);
  assert.equal(res.status, 200);
  return (await res.json()).backups.map((b) => b.name);
}

/** The first alert whose text matches `pattern`, once it is there. */
async function alertMatching(page, pattern) {
  const alert = page.locator('[role="alert"]').filter({ hasText: pattern }).first();
  await alert.waitFor();
  return alert;
}

/** The submit control is usable: not disabled, not aria-disabled, not inside an aria-busy. */
async function assertUsable(page) {
  await idle(page);
  const submit = page.locator(SUBMIT);
  assert.equal(await submit.isDisabled(), false);
  assert.notEqual(await submit.getAttribute('aria-disabled'), 'true');
}

/**
 * One fault, end to end: submit a valid form whose create request gets `kind`; `check(alert)`
 * inspects the alert matching `pattern`. Then the form must be intact, the button usable, one
 * create logged with `status`; a second click must send exactly one more.
 */
function faultTest(title, { kind, pattern, status, check = async () => {} }) {
  it(title, () =>
    withPage(h, `fault ${kind}`, async (page) => {
      await injectFault(page, () => kind);
      // The page's own create requests, as the browser saw them leave the page.
      let pageCreates = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && /\/index_snapshot$/.test(r.url())) pageCreates += 1;
      });
      const resends = kind === 'drop';
      const typed = typedValues(`fault_${kind.replace(/[^a-z0-9]/g, '_')}`);
      await fill(page, typed);
      const expected = { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed };

      await page.locator(SUBMIT).click();
      const [post] = await waitForPosts(typed.name, 1, { resends });
      assert.equal(post.status, status, `status logged for ${kind}`);
      assert.deepEqual(post.json, { name: typed.name, description: typed.description, indices: typed.indices });

      const alert = await alertMatching(page, pattern);
      await check(alert, page);
      await assertUsable(page);
      assert.deepEqual(await formValues(page), expected, 'every typed value is kept');

      // The button works again: one click, one more request, the same clear failure.
      await page.locator(SUBMIT).click();
      await waitForPosts(typed.name, 2, { resends });
      await alertMatching(page, pattern);
      await assertUsable(page);
      assert.deepEqual(await formValues(page), expected);
      // No retry of a create behind the user's back: a retry after either failure would show
      // here as a third request.
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      await waitForPosts(typed.name, 2, { resends });
      assert.equal(pageCreates, 2, 'the page sent one create per click');

      // A faulted request creates nothing.
      assert.deepEqual(await snapshotNames(), []);
    }));
}

/** The `<pre>` inside the alert holds the body as sent, as text. */
async function rawShown(alert, text) {
  const pre = alert.locator('pre');
  assert.ok((await pre.count()) >= 1, 'the raw body is shown in a <pre>');
  assert.ok((await pre.first().textContent()).includes(text), `the raw body shows ${JSON.stringify(text)}`);
}

const STATUSES = [429, 500, 501, 502, 503, 504];
const SHAPES = ['css', 'generic', 'code', 'nested', 'html', 'empty'];

describe('faults', { concurrency: CONCURRENCY }, () => {
  // ---- every status with every body shape, on one page (the longest test, so first) ----------

  it('every error status with every body shape names its status, one request per click', () =>
    withPage(h, 'every status and shape', async (page) => {
      let kind = '';
      await injectFault(page, () => kind);
      const typed = typedValues('fault_matrix');
      await fill(page, typed);
      const expected = { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed };
      let sent = 0;
      // Statuses inner: two clicks in a row never have the same status, so the alert for each
      // click is told apart from the one before by its status alone.
      for (const shape of SHAPES) {
        for (const status of STATUSES) {
          kind = `${status}:${shape}`;
          await page.locator(SUBMIT).click();
          sent += 1;
          const posts = await waitForPosts(typed.name, sent);
          assert.equal(posts[sent - 1].status, status, kind);
          const alert = await alertMatching(page, new RegExp(`\\b${status}\\b`));
          const text = await alert.textContent();
          if (shape === 'css' || shape === 'nested') assert.match(text, new RegExp(`CSS\\.9${status}`), kind);
          if (shape === 'generic') assert.match(text, new RegExp(`APIG\\.9${status}`), kind);
          if (shape === 'html') await rawShown(alert, `<title>${status} `);
          await assertUsable(page);
        }
      }
      assert.deepEqual(await formValues(page), expected);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      assert.equal((await waitForPosts(typed.name, sent)).length, STATUSES.length * SHAPES.length);
    }));

  // ---- HTTP errors: the alert names the status; every status once, every shape once ---------

  faultTest('500 with the CSS error shape', {
    kind: '500:css', status: 500, pattern: /\b500\b/,
    check: async (alert) => assert.match(await alert.textContent(), /CSS\.9500/),
  });

  faultTest('501 with the API gateway shape', {
    kind: '501:generic', status: 501, pattern: /\b501\b/,
    check: async (alert) => assert.match(await alert.textContent(), /APIG\.9501/),
  });

  faultTest('502 with an HTML page: shown as text, never as markup', {
    kind: '502:html', status: 502, pattern: /\b502\b/,
    check: async (alert) => {
      await rawShown(alert, '<h1>502 Bad Gateway</h1>');
      assert.equal(await alert.locator('h1').count(), 0, 'the body did not become markup');
    },
  });

  faultTest('503 with a nested error object', {
    kind: '503:nested', status: 503, pattern: /\b503\b/,
    check: async (alert) => assert.match(await alert.textContent(), /CSS\.9503/),
  });

  faultTest('504 with code and message: the snapshot may still exist', {
    kind: '504:code', status: 504, pattern: /\b504\b/,
    check: async (alert) => {
      const text = await alert.textContent();
      assert.match(text, /fault injected by css-emulator/);
      assert.match(text, /may still have been created/);
    },
  });

  faultTest('503 with an empty body', { kind: '503:empty', status: 503, pattern: /\b503\b/ });

  faultTest('429 with Retry-After', {
    kind: '429', status: 429, pattern: /\b429\b/,
    check: async (alert) => {
      const text = await alert.textContent();
      assert.match(text, /APIG\.9429/);
      assert.match(text, /wait 7 seconds/, 'Retry-After is read');
    },
  });

  // ---- no reply, or a reply that cannot be read ------------------------------------------------

  faultTest('a dropped connection: could not be reached, and the snapshot may exist', {
    kind: 'drop', status: 0, pattern: UNREACHABLE,
    check: async (alert) => assert.match(await alert.textContent(), /may have been created/),
  });

  faultTest('a 201 cut off mid-body: probably created, the reply broke off', {
    kind: 'cut', status: 0, pattern: /could not be read/i,
    check: async (alert) => {
      const text = await alert.textContent();
      assert.match(text, /probably created/i);
      assert.match(text, /broke off/);
    },
  });

  faultTest('a 500 whose JSON-typed body is not JSON: the raw text is shown', {
    kind: 'not-json', status: 500, pattern: /\b500\b/,
    check: (alert) => rawShown(alert, NOT_JSON_BODY),
  });

  faultTest('a 201 whose JSON-typed body is not JSON: probably created, raw text shown', {
    kind: 'created-not-json', status: 201, pattern: /could not be read/i,
    check: async (alert) => {
      assert.match(await alert.textContent(), /probably created/i);
      await rawShown(alert, CREATED_NOT_JSON_BODY);
    },
  });

  faultTest('a 201 with an empty body: probably created', {
    kind: 'created-empty', status: 201, pattern: /could not be read/i,
    check: async (alert) => assert.match(await alert.textContent(), /probably created/i),
  });
});
