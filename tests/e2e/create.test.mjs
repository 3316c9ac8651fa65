// Creating a snapshot against the real emulator: the 201 tables, the request sent, a 409 duplicate.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CLUSTER_ID, FIELDS, PROJECT_ID, alertText, cell, field, fill, formValues, holdListCalls, idle,
  maybeUpdateDocsScreenshot, resultHeading, screenshot, useHarness, withPage,
} from './harness.mjs';

const TOKEN = 'e2e-token-0123456789';
const h = useHarness(test, { token: TOKEN });

test.beforeEach(() => h.emulator.reset());

// Each test holds the page's follow-up list calls: a list that arrives would replace the create
// reply's values (status may move on) and would flag a used name before it is ever sent.

test('a valid snapshot is created and shown as tables', () =>
  withPage(h, 'valid snapshot', async (page) => {
    await holdListCalls(page);
    // Every control has a label; the token is a password field; the description a textarea.
    for (const name of FIELDS) {
      const labels = await field(page, name).evaluate((el) => [...el.labels].map((l) => l.textContent.trim()));
      assert.ok(labels.length >= 1 && labels.every(Boolean), `${name} has a label: ${JSON.stringify(labels)}`);
    }
    assert.equal(await field(page, 'x_auth_token').getAttribute('type'), 'password');
    assert.equal(await field(page, 'description').evaluate((el) => el.tagName), 'TEXTAREA');

    // The ids come from the URL query.
    assert.equal(await field(page, 'project_id').inputValue(), PROJECT_ID);
    assert.equal(await field(page, 'cluster_id').inputValue(), CLUSTER_ID);

    const typed = {
      name: 'snapshot_001',
      description: 'Nightly backup before the upgrade',
      indices: 'myindex1,myindex2',
      x_auth_token: TOKEN,
    };
    await fill(page, typed);
    await page.locator('button[type=submit]').click();
    await resultHeading(page);

    assert.equal(await cell(page, 'name'), typed.name);
    assert.equal(await cell(page, 'clusterId'), CLUSTER_ID);
    // The value may be followed by its meaning ("BUILDING — being created").
    assert.match(await cell(page, 'status'), /^BUILDING\b/);
    assert.equal(await cell(page, 'indices'), typed.indices);
    assert.equal(await cell(page, 'description'), typed.description);
    assert.match(await cell(page, 'bucketName'), /\S/);
    assert.match(await cell(page, 'id'), /\S/);
    // Nested datastore table.
    assert.equal(await cell(page, 'type'), 'elasticsearch');
    assert.ok(
      (await page.locator('xpath=//th[normalize-space(.)="version"]').count()) >= 1,
      'a "version" row is shown',
    );

    // What the emulator received.
    const posts = await h.emulator.posts();
    assert.equal(posts.length, 1);
    assert.equal(posts[0].path, `/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`);
    assert.equal(posts[0].status, 201);
    assert.equal(posts[0].has_token, true);
    assert.match(posts[0].content_type, /^application\/json\b/);
    assert.deepEqual(posts[0].json, {
      name: typed.name, description: typed.description, indices: typed.indices,
    });

    // The form keeps every typed value after the reply.
    assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });

    const file = await screenshot(page, 'result.png');
    if (maybeUpdateDocsScreenshot(file)) console.log('updated docs/screenshot.png');
  }));

test('the body omits empty optional fields and is sent as application/json', () =>
  withPage(h, 'body omits empty fields', async (page) => {
    await holdListCalls(page);
    await fill(page, { name: 'only_a_name', description: '', indices: '', x_auth_token: TOKEN });
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/index_snapshot')),
      page.locator('button[type=submit]').click(),
    ]);
    assert.match(request.headers()['content-type'] || '', /^application\/json\b/);
    assert.deepEqual(JSON.parse(request.postData()), { name: 'only_a_name' });
    await resultHeading(page);

    const posts = await h.emulator.posts();
    assert.equal(posts.length, 1);
    assert.match(posts[0].content_type, /^application\/json\b/);
    assert.deepEqual(posts[0].json, { name: 'only_a_name' });
  }));

test('a duplicate name shows the 409 with CSS.0043 and keeps the form', () =>
  withPage(h, 'duplicate name', async (page) => {
    await holdListCalls(page);
    const typed = { name: 'dup_snap', description: 'twice', indices: 'logs-*', x_auth_token: TOKEN };
    await fill(page, typed);
    const submit = page.locator('button[type=submit]');
    await submit.click();
    await resultHeading(page);

    // Same values again (they are still in the form).
    await idle(page);
    await submit.click();
    const text = await alertText(page);
    assert.match(text, /409/);
    assert.match(text, /CSS\.0043/);

    const posts = await h.emulator.posts();
    assert.deepEqual(posts.map((p) => p.status), [201, 409]);
    assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });
  }));
