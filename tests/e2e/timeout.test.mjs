// A create that takes too long is abandoned after the page's `timeout` (seconds, here ?timeout=2):
// the alert says so and that the snapshot may still have been created, the form is intact, and
// the one request is not sent again. css-emulator holds the reply back (X-Emulator-Latency-Ms,
// added by Playwright on the way out) after it has made the snapshot, as a slow service would:
// the page then finds it in the cluster's list and shows it as created, with the lost reply said.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, fill, formValues, idle, resultHeading, screenshot, useHarness, withPage,
} from './harness.mjs';

const h = useHarness(test);

test.beforeEach(() => h.emulator.reset());

const SUBMIT = 'button[type=submit]';
const QUERY = { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, timeout: '2' };

/** Adds `X-Emulator-Latency-Ms: ms` to the page's create calls (POST .../index_snapshot). */
async function slowCreates(page, ms) {
  await page.route(/\/index_snapshot(\?|$)/, (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    return route.continue({ headers: { ...request.headers(), 'x-emulator-latency-ms': String(ms) } });
  });
}

async function snapshotNames() {
  const res = await fetch(`${h.emulator.url}/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshots`);
  assert.equal(res.status, 200);
  return (await res.json()).backups.map((b) => b.name);
}

test('a create with no reply within ?timeout=2 is abandoned after about 2 s, then found in the list', () =>
  withPage(h, 'timeout abandoned', async (page) => {
    await slowCreates(page, 5000);
    // The page's first look at the list waits until the alert was seen.
    let release;
    const seen = new Promise((resolve) => { release = resolve; });
    let lists = 0;
    await page.route(/\/index_snapshots(\?|$)/, async (route) => {
      lists += 1;
      await seen;
      await route.continue();
    });
    const typed = {
      name: 'slow_snapshot', description: 'Waiting too long', indices: 'logs-*', x_auth_token: 'timeout-token',
    };
    await fill(page, typed);

    const started = Date.now();
    await page.locator(SUBMIT).click();
    const alert = page.locator('[role="alert"]').filter({ hasText: /abandoned/i }).first();
    await alert.waitFor({ timeout: 10_000 });
    const took = Date.now() - started;
    assert.ok(took >= 1800, `abandoned after ${took} ms, before the 2 s timeout`);
    assert.ok(took < 4500, `abandoned after ${took} ms, well after the 2 s timeout (reply came at 5 s)`);

    const text = (await alert.textContent()).replace(/\s+/g, ' ');
    assert.match(text, /\b2 (seconds|s)\b/, 'says after how long');
    assert.match(text, /snapshot may still have been created/i);
    assert.match(text, /snapshot list|list of (the cluster's )?snapshots|cluster's snapshots/i, 'says how to check');
    // ...and checks itself.
    assert.match(await alert.locator('.csf-checking[role="status"]').textContent(),
      /Checking the cluster's snapshots for slow_snapshot/);

    // The list has it: shown as created, the lost reply said, before the reply would have come.
    release();
    const made = page.locator('.csf-made');
    await made.getByRole('heading', { name: 'Snapshot created: slow_snapshot' }).waitFor();
    assert.ok(Date.now() - started < 5000, 'found before the held-back reply came');
    assert.match(await made.textContent(),
      /The reply was lost \(no reply within 2 s\), but the snapshot exists: the page found it in the cluster's list\./);
    assert.equal(await page.locator('[role="alert"]').filter({ hasText: /abandoned/i }).count(), 0);
    assert.equal(lists, 1, 'one look at the list found it');

    await idle(page);
    const submit = page.locator(SUBMIT);
    assert.equal(await submit.isDisabled(), false);
    assert.notEqual(await submit.getAttribute('aria-disabled'), 'true');
    assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });

    // One request, not sent again; the service did make the snapshot the page gave up on.
    await new Promise((r) => setTimeout(r, 500));
    const posts = await h.emulator.posts();
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0].json, { name: typed.name, description: typed.description, indices: typed.indices });
    assert.deepEqual(await snapshotNames(), [typed.name]);
    await screenshot(page, 'timeout.png');
  }, QUERY));

test('a reply slower than usual but within ?timeout=2 is shown as created', () =>
  withPage(h, 'timeout not reached', async (page) => {
    await slowCreates(page, 1000);
    await fill(page, { name: 'slowish_snapshot', description: '', indices: '', x_auth_token: 'timeout-token' });
    const started = Date.now();
    await page.locator(SUBMIT).click();
    await resultHeading(page);
    assert.ok(Date.now() - started >= 1000);
    assert.equal(
      await page.locator('[role="alert"]').filter({ hasText: /abandoned/i }).count(),
      0,
      'no timeout alert',
    );
    assert.equal((await h.emulator.posts()).length, 1);
  }, QUERY));
