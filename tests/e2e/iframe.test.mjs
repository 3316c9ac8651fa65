// The standalone page in an iframe (www/portal/iframe.html embeds it): options from the frame's
// URL query, events posted to the parent only when parent_origin is the parent's origin, never
// to '*'. The parent is on http://127.0.0.1:PORT, the frame on http://localhost:PORT (another
// origin) unless a test needs them on one origin.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, collectErrors, launchBrowser, stageSite, startEmulator,
} from './embed-support.mjs';

let site;
let emulator;
let browser;
let parentOrigin;
let otherOrigin;

test.before(async () => {
  site = stageSite();
  emulator = await startEmulator(site.dir, ['--build-seconds', '1']);
  browser = await launchBrowser();
  parentOrigin = emulator.url; // http://127.0.0.1:PORT
  otherOrigin = emulator.url.replace('127.0.0.1', 'localhost');
});

test.after(async () => {
  await browser?.close();
  await emulator?.stop();
  site?.remove();
});

test.beforeEach(() => emulator.reset());

/** Opens iframe.html with `query` (passed on to the frame) and waits for the frame's form. */
async function openHost(query, { spyOnPostMessage = false } = {}) {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  if (spyOnPostMessage) {
    // Records every postMessage call made on the parent window, with its target origin. Only a
    // same-origin frame reaches this function (a cross-origin one gets the browser's own).
    await page.addInitScript(() => {
      if (window !== window.top) return;
      window.__posted = [];
      const original = window.postMessage.bind(window);
      window.postMessage = (message, targetOrigin, ...rest) => {
        window.__posted.push({ message: JSON.parse(JSON.stringify(message)), targetOrigin });
        return original(message, targetOrigin, ...rest);
      };
    });
  }
  await page.goto(`${parentOrigin}/portal/iframe.html?${new URLSearchParams(query)}`);
  const frame = page.frameLocator('#frame');
  await frame.locator('button[type=submit]').waitFor();
  return { page, frame, errors };
}

/** Submits a valid snapshot in the frame and waits for its result. */
async function createInFrame(frame, name) {
  await frame.locator('[name="name"]').fill(name);
  await frame.locator('button[type=submit]').click();
  await frame.getByRole('heading', { name: /Snapshot created/ }).waitFor();
}

/**
 * Has the frame post a marker after everything it posted so far; resolves once the parent has it.
 * Messages from one window arrive in order, so any message the form posted is in by then.
 */
async function drainMessages(page) {
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await frame.evaluate(() => window.parent.postMessage({ marker: 'drained' }, '*'));
  await page.waitForFunction(() => window.receivedMessages.some((m) => m.data?.marker === 'drained'));
  return page.evaluate(() => window.receivedMessages.filter((m) => !m.data?.marker));
}

test('the frame takes its options from its query and posts events to the allowed parent origin', async () => {
  const { page, frame, errors } = await openHost({
    frame_base: `${otherOrigin}/`,
    project_id: PROJECT_ID,
    cluster_id: CLUSTER_ID,
    hide_token: '1',
    lock_ids: '1',
  });
  try {
    const src = new URL(await page.locator('#frame').getAttribute('src'));
    assert.equal(src.origin, otherOrigin);
    assert.equal(src.searchParams.get('parent_origin'), parentOrigin, 'defaults to the host page origin');

    // Options from the query: ids prefilled and locked, no token field.
    assert.equal(await frame.locator('[name="project_id"]').inputValue(), PROJECT_ID);
    assert.equal(await frame.locator('[name="cluster_id"]').inputValue(), CLUSTER_ID);
    assert.equal(await frame.locator('[name="project_id"]').evaluate((el) => el.readOnly), true);
    assert.equal(await frame.locator('[name="x_auth_token"]').count(), 0);

    await createInFrame(frame, 'from_the_frame');
    await page.waitForFunction(() => window.receivedMessages.some((m) => m.data?.type === 'snapshot-completed'));
    const messages = await page.evaluate(() => window.receivedMessages);
    assert.deepEqual(messages.map((m) => [m.origin, m.data.source, m.data.type, m.accepted]), [
      [otherOrigin, 'css-snapshot-form', 'snapshot-created', true],
      [otherOrigin, 'css-snapshot-form', 'snapshot-completed', true],
    ]);
    const [created, completed] = messages.map((m) => m.data.detail);
    assert.equal(created.name, 'from_the_frame');
    assert.match(created.id, /\S/);
    assert.equal(completed.status, 'COMPLETED');
    assert.equal(completed.backup.id, created.id);

    // The host page's log shows them; the emulator saw the create, made without a token.
    assert.equal(await page.locator('#message-log tbody tr').count(), 2);
    const [post] = await emulator.posts();
    assert.deepEqual([post.status, post.has_token], [201, false]);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('with parent_origin set to another origin, the parent gets nothing', async () => {
  const { page, frame, errors } = await openHost({
    frame_base: `${otherOrigin}/`,
    project_id: PROJECT_ID,
    cluster_id: CLUSTER_ID,
    parent_origin: 'https://portal.example',
  });
  try {
    await createInFrame(frame, 'elsewhere');
    assert.deepEqual(await drainMessages(page), []);
    assert.equal((await emulator.posts()).length, 1);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test("parent_origin=* is refused: nothing is posted at all", async () => {
  // Frame and parent on one origin, so the parent's postMessage spy sees every call.
  const base = { frame_base: `${parentOrigin}/`, project_id: PROJECT_ID, cluster_id: CLUSTER_ID };

  // The spy works: with the parent's origin allowed, the form's call is seen with that target.
  const allowed = await openHost({ ...base, parent_origin: parentOrigin }, { spyOnPostMessage: true });
  try {
    await createInFrame(allowed.frame, 'spy_control');
    await allowed.page.waitForFunction(() => window.__posted.length > 0);
    const [first] = await allowed.page.evaluate(() => window.__posted);
    assert.deepEqual([first.message.type, first.targetOrigin], ['snapshot-created', parentOrigin]);
  } finally {
    await allowed.page.close();
  }

  const { page, frame, errors } = await openHost({ ...base, parent_origin: '*' }, { spyOnPostMessage: true });
  try {
    await createInFrame(frame, 'wildcard');
    assert.deepEqual(await drainMessages(page), []);
    const posted = await page.evaluate(() => window.__posted.filter((p) => !p.message?.marker));
    assert.deepEqual(posted, [], 'no postMessage call, not even to *');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
