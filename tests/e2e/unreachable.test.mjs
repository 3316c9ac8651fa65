// The service going away after the page loaded: the user is told it could not be reached.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, alertText, fill, formValues, idle, screenshot, useHarness, withPage,
} from './harness.mjs';

const h = useHarness(test);

test('a stopped emulator shows a connection error and keeps the form', () =>
  withPage(h, 'emulator stopped', async (page) => {
    const typed = {
      name: 'snapshot_offline', description: 'sent into the void', indices: 'a,b', x_auth_token: 'tok',
    };
    await fill(page, typed);
    await h.emulator.stop(); // the page is loaded; now nothing listens on its origin

    await page.locator('button[type=submit]').click();
    const text = await alertText(page);
    assert.match(text, /could ?n[o']t (be )?reach|unreachable|not reachable/i);
    assert.doesNotMatch(text, /Snapshot created/);

    // The button is usable again and every typed value is still there.
    await idle(page);
    assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });
    await screenshot(page, 'unreachable.png');
  }));
