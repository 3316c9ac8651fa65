// One click is one request: while a call is in flight the button is disabled (or aria-busy) and
// more clicks or Enter presses send nothing more.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, busy, fill, formValues, idle, resultHeading, useHarness, withPage,
} from './harness.mjs';

const h = useHarness(test);

test.beforeEach(() => h.emulator.reset());

test('double clicks and Enter while in flight send exactly one POST', () =>
  withPage(h, 'one click one request', async (page) => {
    // Hold the create call in the browser until released, so "in flight" lasts as long as needed.
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    const routed = [];
    await page.route('**/index_snapshot', async (route) => {
      routed.push(route.request().method());
      await gate;
      await route.continue();
    });

    const typed = { name: 'only_once', description: '', indices: '', x_auth_token: 'tok' };
    await fill(page, typed);
    const submit = page.locator('button[type=submit]');
    await submit.dblclick();

    // In flight: the button says so.
    await busy(page);
    // Spam: more clicks (forced, since the button may be disabled) and Enter in text fields.
    await submit.click({ force: true, clickCount: 2 });
    await page.locator('[name="name"]').press('Enter');
    await page.locator('[name="indices"]').press('Enter');
    await submit.click({ force: true });

    release();
    await resultHeading(page);
    await idle(page);

    assert.deepEqual(routed, ['POST'], 'requests the page started');
    const posts = await h.emulator.posts();
    assert.equal(posts.length, 1, JSON.stringify(posts));
    assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });
  }));
