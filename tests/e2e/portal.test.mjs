// The demo portal (www/portal/): <css-snapshot-form> elements and a mount()ed form inside a page
// with its own loud styles. Forms work independently, styles stay apart both ways, events reach
// the portal with their documented detail, attributes take effect at runtime, removal is clean.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import {
  CLUSTER_ID, OTHER_PROJECT_ID, PROJECT_ID, ROOT, collectErrors, eventFrom, events, formField,
  launchBrowser, recordEvents, unexpected, stageSite, startEmulator, styleOf, submitOf,
} from './embed-support.mjs';

const TOKEN = 'portal-token-0123456789';
const RED = 'rgb(255, 0, 0)';
const ORANGE = 'rgb(255, 165, 0)';

let site;
let emulator;
let browser;

test.before(async () => {
  site = stageSite();
  // --build-seconds 1: a new snapshot is COMPLETED by the page's first follow-up check (3 s).
  emulator = await startEmulator(site.dir, ['--token', TOKEN, '--build-seconds', '1']);
  browser = await launchBrowser();
});

test.after(async () => {
  await browser?.close();
  await emulator?.stop();
  site?.remove();
});

test.beforeEach(() => emulator.reset());

/** Opens the portal and waits until all three forms have rendered. */
async function openPortal(query = '') {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await recordEvents(page);
  await page.goto(`${emulator.url}/portal/${query}`);
  for (const id of ['form-a', 'form-b', 'form-c']) await submitOf(page, id).waitFor();
  return { page, errors };
}

/** Runs body with a fresh portal page; saves a screenshot when it fails. */
async function withPortal(name, body, query) {
  const { page, errors } = await openPortal(query);
  try {
    await body(page, errors);
  } catch (err) {
    const dir = path.join(ROOT, 'test-output');
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `portal-${name}-failure.png`), fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await page.close();
  }
}

test('two forms work independently; events bubble to document, composed, with their element and detail', () =>
  withPortal('independent', async (page, errors) => {
    // Form B hides its token field and locks the ids; the portal adds the token itself.
    assert.equal(await formField(page, 'form-b', 'x_auth_token').count(), 0);
    assert.notEqual(await formField(page, 'form-b', 'project_id').getAttribute('readonly'), null);
    await page.locator('#portal-token').fill(TOKEN);

    // Form A: the user types the token.
    await formField(page, 'form-a', 'name').fill('portal_a');
    await formField(page, 'form-a', 'x_auth_token').fill(TOKEN);
    await submitOf(page, 'form-a').click();
    const createdA = await eventFrom(page, 'snapshot-created', 'form-a');

    // Form B is untouched by what happened in A.
    assert.equal(await formField(page, 'form-b', 'name').inputValue(), '');
    assert.equal(await page.locator('#form-b').getByRole('heading', { name: /Snapshot created/ }).count(), 0);
    assert.equal((await events(page)).filter((e) => e.from === 'form-b' && e.type !== 'request').length, 0);

    await formField(page, 'form-b', 'name').fill('portal_b');
    const [requestB] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST'),
      submitOf(page, 'form-b').click(),
    ]);
    assert.equal(requestB.headers()['x-auth-token'], TOKEN, "the portal's request listener added it");
    const createdB = await eventFrom(page, 'snapshot-created', 'form-b');
    await page.locator('#form-b').getByRole('heading', { name: /Snapshot created/ }).waitFor();
    assert.equal(await formField(page, 'form-a', 'name').inputValue(), 'portal_a');

    // snapshot-created: the reply's backup object (id and name), bubbling and composed.
    for (const [e, name] of [[createdA, 'portal_a'], [createdB, 'portal_b']]) {
      assert.equal(e.bubbles, true);
      assert.equal(e.composed, true);
      assert.equal(e.phase, Event.BUBBLING_PHASE, 'seen by a listener on document while bubbling');
      assert.equal(e.detail.name, name);
      assert.match(e.detail.id, /\S/);
      assert.equal(e.detail.clusterId, CLUSTER_ID);
    }
    assert.notEqual(createdA.detail.id, createdB.detail.id, 'each form made its own snapshot');

    // Two creates, each with a token: A's from its field, B's from the portal's request listener.
    const posts = await emulator.posts();
    assert.deepEqual(posts.map((p) => [p.status, p.has_token, JSON.parse(p.body).name]),
      [[201, true, 'portal_a'], [201, true, 'portal_b']]);
    assert.equal(posts[1].path, `/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`);

    // request: {method, url, headers} before each call, from the form that makes it.
    const requests = await events(page, 'request');
    const postB = requests.find((e) => e.from === 'form-b' && e.detail.method === 'POST');
    assert.ok(postB, JSON.stringify(requests));
    assert.equal(postB.detail.url, `/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`);
    assert.equal(typeof postB.detail.headers, 'object');
    assert.ok(requests.every((e) => e.bubbles && e.composed));

    // snapshot-completed once the emulator has finished building each snapshot.
    for (const [id, created] of [['form-a', createdA], ['form-b', createdB]]) {
      const done = await eventFrom(page, 'snapshot-completed', id);
      assert.equal(done.detail.status, 'COMPLETED');
      assert.equal(done.detail.backup.id, created.detail.id);
      assert.equal(done.detail.backup.status, 'COMPLETED');
      assert.ok(done.bubbles && done.composed);
    }
    // The follow-up list calls carried the portal's token too (no 401 among them).
    const lists = (await emulator.requests()).filter((r) => r.method === 'GET');
    assert.ok(lists.length >= 2 && lists.every((r) => r.status === 200 && r.has_token), JSON.stringify(lists));

    // The portal's own log shows them.
    for (const [from, type] of [['form-a', 'snapshot-created'], ['form-b', 'snapshot-created'],
      ['form-a', 'snapshot-completed'], ['form-b', 'snapshot-completed']]) {
      const row = page.locator(`#event-log tr[data-from="${from}"][data-event="${type}"]`);
      assert.equal(await row.count(), 1, `${from} ${type} logged once`);
    }
    const loggedRequest = await page.locator('#event-log tr[data-event="request"]').first().textContent();
    assert.ok(!loggedRequest.includes(TOKEN), 'the log does not show header values');
    assert.deepEqual(errors, []);
  }));

test('a 409 duplicate: snapshot-failed has status, code, message and requestId', () =>
  withPortal('duplicate', async (page, errors) => {
    await page.locator('#portal-token').fill(TOKEN);
    await formField(page, 'form-a', 'name').fill('taken_name');
    await formField(page, 'form-a', 'x_auth_token').fill(TOKEN);
    await submitOf(page, 'form-a').click();
    await eventFrom(page, 'snapshot-created', 'form-a');

    // Form B has not listed the cluster, so it sends the name and the service refuses it. The page
    // takes a 409 for a snapshot made after its own request was sent (give or take half a second
    // for the clocks) as its own (a browser's resend): this one is made well before.
    await page.waitForTimeout(1_000);
    await formField(page, 'form-b', 'name').fill('taken_name');
    await submitOf(page, 'form-b').click();
    const failed = await eventFrom(page, 'snapshot-failed', 'form-b');
    assert.ok(failed.bubbles && failed.composed);
    assert.equal(failed.detail.status, 409);
    assert.match(failed.detail.code, /^CSS\.\d+$/);
    assert.match(failed.detail.message, /\S/);
    assert.match(failed.detail.requestId, /\S/);
    assert.equal(failed.detail.reason, 'http');
    assert.deepEqual((await emulator.posts()).map((p) => p.status), [201, 409]);
    assert.equal((await events(page, 'snapshot-failed')).length, 1, 'form A sent no failure');
    assert.deepEqual(unexpected(errors, 409), []);
  }));

test("the portal's styles stay out of the forms, and the forms' styles stay in", () =>
  withPortal('styles', async (page) => {
    // In: the portal's red inputs, orange uppercase buttons, red .csf-title, monospace h2.
    for (const id of ['form-a', 'form-b', 'form-c']) {
      const input = await styleOf(page, id, '[name="name"]', ['background-color', 'border-top-style', 'font-size']);
      assert.notEqual(input['background-color'], RED, `${id}: input background`);
      assert.equal(input['background-color'], 'rgb(255, 255, 255)', `${id}: the form's own input background`);
      assert.equal(input['border-top-style'], 'solid', `${id}: the form's own border`);
      const title = await styleOf(page, id, '.csf-title', ['color', 'font-family', 'font-style']);
      assert.notEqual(title.color, RED, `${id}: .csf-title colour`);
      assert.doesNotMatch(title['font-family'], /Courier/, `${id}: the portal's h2 font`);
      assert.equal(title['font-style'], 'normal', `${id}: the portal's italic h2`);
      const button = await styleOf(page, id, 'button[type=submit]', ['background-color', 'text-transform']);
      assert.notEqual(button['background-color'], ORANGE, `${id}: submit background`);
      assert.equal(button['text-transform'], 'none', `${id}: submit text`);
      const label = await styleOf(page, id, 'label', ['text-transform']);
      assert.equal(label['text-transform'], 'none', `${id}: label`);
    }

    // Out: the portal's own elements keep their styles, even those wearing the form's classes.
    assert.equal((await styleOf(page, null, '#portal-title', ['color'])).color, RED);
    assert.equal((await styleOf(page, null, '#portal-token', ['background-color']))['background-color'], RED);
    const lookalike = await styleOf(page, null, '#portal-button', ['background-color', 'text-transform']);
    assert.deepEqual(lookalike, { 'background-color': ORANGE, 'text-transform': 'uppercase' });
    const div = await styleOf(page, null, '#portal-lookalike', ['max-width', 'font-family']);
    assert.equal(div['max-width'], 'none', 'the .csf rule does not reach the portal');
    assert.match(div['font-family'], /Georgia/);
    assert.match((await styleOf(page, null, '#event-log', ['border-top-style']))['border-top-style'], /double/);

    // No stylesheet of the document itself has a form rule: only the portal's one .csf-title rule.
    const csfRules = await page.evaluate(() => {
      const out = [];
      const walk = (rules) => {
        for (const r of rules) {
          if (r.cssRules) walk(r.cssRules);
          if (r.selectorText && r.selectorText.includes('.csf')) out.push(r.selectorText);
        }
      };
      for (const sheet of [...document.styleSheets, ...document.adoptedStyleSheets]) walk(sheet.cssRules);
      return out;
    });
    assert.deepEqual(csfRules, ['.csf-title']);
  }));

test('CSS custom properties theme a form, and it follows the host color-scheme', () =>
  withPortal('theme', async (page) => {
    const bg = (id) => styleOf(page, id, '.csf', ['background-color', 'color']);
    assert.deepEqual(await bg('form-a'), { 'background-color': 'rgb(255, 255, 255)', color: 'rgb(27, 31, 36)' });

    await page.locator('#form-a').evaluate((el) => {
      el.style.setProperty('--csf-accent', 'rgb(1, 2, 3)');
      el.style.setProperty('--csf-radius', '0px');
    });
    const submit = await styleOf(page, 'form-a', 'button[type=submit]', ['background-color', 'border-top-left-radius']);
    assert.deepEqual(submit, { 'background-color': 'rgb(1, 2, 3)', 'border-top-left-radius': '0px' });
    const other = await styleOf(page, 'form-b', 'button[type=submit]', ['background-color']);
    assert.equal(other['background-color'], 'rgb(11, 87, 208)', 'form B keeps the default accent');

    // color-scheme: dark on the element flips the light-dark() colours of that form only.
    await page.locator('#form-b').evaluate((el) => { el.style.colorScheme = 'dark'; });
    assert.deepEqual(await bg('form-b'), { 'background-color': 'rgb(20, 23, 27)', color: 'rgb(230, 232, 235)' });
    assert.equal((await styleOf(page, 'form-b', 'button[type=submit]', ['background-color']))['background-color'],
      'rgb(138, 180, 248)');
    assert.deepEqual(await bg('form-a'), { 'background-color': 'rgb(255, 255, 255)', color: 'rgb(27, 31, 36)' });
  }));

test('attributes changed after load take effect', () =>
  withPortal('attributes', async (page, errors) => {
    // project-id: the field and the shown target follow.
    await page.locator('#a-switch-project').click();
    await page.waitForFunction((id) => {
      const root = document.getElementById('form-a').shadowRoot;
      return root.querySelector('[name="project_id"]').value === id
        && root.querySelector('.csf-target code').textContent.includes(id);
    }, OTHER_PROJECT_ID);

    // hide-token removed: the token field appears; back on: it goes.
    await page.locator('#b-toggle-token').click();
    await formField(page, 'form-b', 'x_auth_token').waitFor();
    await page.locator('#b-toggle-token').click();
    await formField(page, 'form-b', 'x_auth_token').waitFor({ state: 'detached' });

    // lock-ids removed: the ids become editable.
    await page.locator('#form-b').evaluate((el) => el.removeAttribute('lock-ids'));
    await page.waitForFunction(() => !document.getElementById('form-b').shadowRoot
      .querySelector('[name="project_id"]').readOnly);

    // api-base: the next request goes to the new base.
    await page.locator('#form-b').evaluate((el) => el.setAttribute('api-base', '/somewhere-else'));
    await page.locator('#portal-token').fill(TOKEN);
    await formField(page, 'form-b', 'name').fill('moved_api');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST'),
      submitOf(page, 'form-b').click(),
    ]);
    assert.equal(new URL(request.url()).pathname,
      `/somewhere-else/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`);
    const failed = await eventFrom(page, 'snapshot-failed', 'form-b');
    assert.equal(failed.detail.status, 405, 'the emulator serves only files there');

    // The JS API: update() changes form C's project id.
    await page.locator('#c-update').click();
    await page.waitForFunction((id) => document.getElementById('form-c').shadowRoot
      .querySelector('[name="project_id"]').value === id, OTHER_PROJECT_ID);
    assert.deepEqual(unexpected(errors, 405), []);
  }));

test('a form moved in the page keeps its state; a removed one is torn down cleanly; a new one works', () =>
  withPortal('removal', async (page, errors) => {
    // Moving (disconnect + connect in one task) keeps the form and what was typed.
    await formField(page, 'form-b', 'name').fill('kept_while_moving');
    await page.evaluate(() => document.getElementById('card-a').append(document.getElementById('form-b')));
    await page.waitForFunction(() => document.getElementById('form-b').parentElement.id === 'card-a');
    assert.equal(await formField(page, 'form-b', 'name').inputValue(), 'kept_while_moving');

    // Removal while a create is in flight: the reply arrives after the app is gone.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/index_snapshot', async (route) => { await held; await route.continue(); });
    await formField(page, 'form-a', 'name').fill('removed_in_flight');
    await formField(page, 'form-a', 'x_auth_token').fill(TOKEN);
    const posted = page.waitForRequest((r) => r.method() === 'POST');
    await submitOf(page, 'form-a').click();
    await posted;
    await page.evaluate(() => { window.__removedForm = document.getElementById('form-a'); });
    await page.locator('#a-remove').click();
    await page.waitForFunction(() => !window.__removedForm.isConnected
      && window.__removedForm.shadowRoot.querySelector('.csf') === null);
    release();
    // The reply reaches the emulator's log; the removed form sends no event for it.
    await page.waitForFunction(async (url) => (await (await fetch(url)).json())
      .some((r) => r.method === 'POST' && r.status === 201), `${emulator.url}/_emulator/requests`);
    await page.unroute('**/index_snapshot');

    // A new element in its place works.
    await page.locator('#a-add').click();
    await submitOf(page, 'form-a').waitFor();
    assert.equal(await page.locator('css-snapshot-form#form-a').count(), 1);
    await formField(page, 'form-a', 'name').fill('after_re_adding');
    await formField(page, 'form-a', 'x_auth_token').fill(TOKEN);
    await submitOf(page, 'form-a').click();
    const created = await eventFrom(page, 'snapshot-created', 'form-a');
    assert.equal(created.detail.name, 'after_re_adding');
    const fromA = (await events(page)).filter((e) => e.from === 'form-a' && e.type.startsWith('snapshot-'));
    assert.deepEqual(fromA.map((e) => [e.type, e.detail.name]), [['snapshot-created', 'after_re_adding']],
      'nothing came from the removed form');

    // The JS API's destroy() empties form C's container.
    await page.locator('#c-destroy').click();
    await page.waitForFunction(() => document.getElementById('form-c').shadowRoot.querySelector('.csf') === null);

    assert.deepEqual(errors, []);
  }));

// focus() once used document.getElementById, which does not search shadow roots.
test('an invalid submit moves focus to the error summary inside the shadow root, and its link to the field', () =>
    withPortal('focus', async (page) => {
      await formField(page, 'form-a', 'name').fill('');
      await submitOf(page, 'form-a').click();
      await page.locator('#form-a').locator('[name="name"][aria-invalid="true"]').waitFor();
      const active = () => page.evaluate(() => {
        const el = document.getElementById('form-a').shadowRoot.activeElement;
        return el ? (el.getAttribute('name') || el.className) : null;
      });
      await page.waitForFunction(() => document.getElementById('form-a').shadowRoot.activeElement
        ?.classList.contains('csf-error-summary'));
      await page.locator('#form-a').locator('.csf-error-summary a', { hasText: 'Snapshot name' }).click();
      assert.equal(await active(), 'name');
    }));

// A host page that loads boot.js `async` (as the standalone page does) and whose parser is held
// by a slow script: boot.js then runs before the rest of the page is read, and must still mount
// the containers that come after it, once the document has been read.
const ASYNC_HOST = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Async host</title>
  <script type="module" async src="../boot.js"></script>
</head>
<body>
  <script src="slow.js"></script>
  <div id="by-attribute" data-css-snapshot-form data-project-id="${PROJECT_ID}" data-cluster-id="${CLUSTER_ID}"></div>
  <css-snapshot-form id="by-element" project-id="${PROJECT_ID}"></css-snapshot-form>
</body>
</html>
`;

test('boot.js run before the page is read (async) mounts the forms that come after it', async () => {
  fs.mkdirSync(path.join(site.dir, 'async-host'), { recursive: true });
  fs.writeFileSync(path.join(site.dir, 'async-host', 'index.html'), ASYNC_HOST);
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  try {
    await page.addInitScript(() => {
      const orig = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = (...args) => orig.apply(WebAssembly, args).then((r) => {
        window.__instantiated = true;
        return r;
      });
    });
    // slow.js is held until the module has started (and a little more, for boot.js to go on).
    let startedFirst = false;
    await page.route('**/async-host/slow.js', async (route) => {
      for (let i = 0; i < 400 && !startedFirst; i++) {
        startedFirst = await page.evaluate(() => window.__instantiated === true).catch(() => false);
        if (!startedFirst) await new Promise((r) => setTimeout(r, 25));
      }
      await new Promise((r) => setTimeout(r, 300));
      await route.fulfill({ contentType: 'text/javascript', body: 'window.__slowRan = true;' });
    });
    await page.goto(`${emulator.url}/async-host/`);
    for (const id of ['by-attribute', 'by-element']) await submitOf(page, id).waitFor();
    assert.ok(startedFirst, 'the wasm was instantiated while the page was still being read');
    assert.equal(await page.evaluate(() => window.__slowRan), true);
    assert.equal(await formField(page, 'by-attribute', 'cluster_id').inputValue(), CLUSTER_ID);
    assert.deepEqual(unexpected(errors), []);
  } finally {
    await page.close();
  }
});
