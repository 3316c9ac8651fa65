// An invalid form sends nothing and says what is wrong next to each field.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, fieldError, fill, formValues, resultHeading, useHarness, withPage,
} from './harness.mjs';

const h = useHarness(test);

test.beforeEach(() => h.emulator.reset());

test('an invalid form sends nothing and marks each wrong field', () =>
  withPage(h, 'invalid form', async (page) => {
    const apiCalls = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/v1.0/')) apiCalls.push(r.url());
    });

    const typed = {
      name: 'snapsCot',
      description: 'has <angle> brackets',
      indices: 'My Index',
      x_auth_token: 'some-token',
    };
    await fill(page, typed);
    await page.locator('button[type=submit]').click();

    const nameMessage = await fieldError(page, 'name');
    assert.match(nameMessage, /position 6/i);
    assert.match(nameMessage, /'C'/);
    assert.match(await fieldError(page, 'description'), /\S/);
    assert.match(await fieldError(page, 'indices'), /\S/);
    for (const ok of ['project_id', 'cluster_id']) {
      assert.notEqual(await page.locator(`[name="${ok}"]`).getAttribute('aria-invalid'), 'true', ok);
    }

    // Every typed value is still there, and the emulator has seen no create call.
    assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });
    assert.deepEqual(await h.emulator.posts(), []);

    // Fix the form and send it: the only call that ever arrives is the valid one, so the invalid
    // submission above sent nothing (no fixed sleep needed to prove it).
    await fill(page, { name: 'snapscot', description: 'no brackets', indices: 'my-index' });
    await page.locator('[name="name"]:not([aria-invalid="true"])').waitFor();
    await page.locator('button[type=submit]').click();
    await resultHeading(page);

    const posts = await h.emulator.posts();
    assert.equal(posts.length, 1, JSON.stringify(posts));
    assert.equal(posts[0].json.name, 'snapscot');
    assert.equal(apiCalls.length, 1, apiCalls.join('\n'));
  }));

test('a required field left empty is reported and nothing is sent', () =>
  withPage(h, 'empty name', async (page) => {
    await fill(page, { name: '', x_auth_token: 'some-token' });
    await page.locator('button[type=submit]').click();
    assert.match(await fieldError(page, 'name'), /\S/);
    assert.deepEqual(await h.emulator.posts(), []);
    for (const ok of ['project_id', 'cluster_id', 'description', 'indices']) {
      assert.notEqual(await page.locator(`[name="${ok}"]`).getAttribute('aria-invalid'), 'true', ok);
    }
    // A screen reader hears which fields are required, as the labels say "(required)".
    for (const [field, required] of [['project_id', 'true'], ['cluster_id', 'true'], ['name', 'true'],
      ['indices', 'false'], ['x_auth_token', 'false']]) {
      assert.equal(await page.locator(`[name="${field}"]`).getAttribute('aria-required'), required, field);
    }

    await fill(page, { name: 'now_named' });
    await page.locator('button[type=submit]').click();
    await resultHeading(page);
    const posts = await h.emulator.posts();
    assert.deepEqual(posts.map((p) => p.json), [{ name: 'now_named' }]);
  }));
