// Accessibility of the built page against the real emulator.
// - axe-core (npm, pinned in package-lock.json), WCAG 2.0 / 2.1 / 2.2 A and AA and best practices,
//   finds no violation at each step a person meets: the empty form, its request previews opened,
//   a refused submit, a created snapshot, one followed to COMPLETED, a name taken by an older
//   snapshot, a lookup in progress and a failed call; in light and dark colours; on the
//   standalone page and in the demo portal.
//   axe's source is evaluated in the page through the DevTools protocol, which the page's CSP
//   (no inline script) does not apply to: no CSP bypass is needed.
// - A keyboard-only pass: the Tab order through the fields and buttons, Enter submits, and where
//   the focus is after each outcome (created, "Create another", refused, failed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, ROOT, formUrl, launchBrowser, settled, startEmulator,
} from './harness.mjs';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const SUBMIT = 'button[type=submit]';

let emulator;
let browser;

test.before(async () => {
  // The built page (the demo portal is under portal/); --build-seconds 1: a new snapshot is
  // COMPLETED by the page's first follow-up check (3 s).
  emulator = await startEmulator({ args: ['--build-seconds', '1'] });
  browser = await launchBrowser();
});

test.after(async () => {
  await browser?.close();
  await emulator?.stop();
});

/**
 * Runs axe on the page (only inside `include` when given: the demo portal's own content is not
 * the form's) in light and dark colours, and fails listing every violation with its elements.
 */
async function assertNoViolations(page, step, include) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const result = await page.evaluate(
      ([context, tags]) => window.axe.run(context ?? document, { runOnly: { type: 'tag', values: tags } }),
      [include ? { include: include.map((id) => [id]) } : null, TAGS],
    );
    assert.ok(result.passes.length > 10, `axe ran its rules (${result.passes.length} passed)`);
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${
      v.nodes.map((n) => `    ${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')}`);
    assert.deepEqual(found, [], `axe violations on ${step} (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Adds `X-Emulator-Fault: kind()` to the creates that leave the page while `kind()` says one. */
async function faults(page, kind) {
  await page.route(/\/index_snapshot(\?|$)/, (route) => {
    const request = route.request();
    const fault = kind();
    if (request.method() !== 'POST' || !fault) return route.continue();
    return route.continue({ headers: { ...request.headers(), 'x-emulator-fault': fault } });
  });
}

/** Makes a snapshot called `name` straight on the emulator (someone else's, for a 409). */
async function makeOlder(name) {
  const res = await fetch(`${emulator.url}/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }),
  });
  assert.equal(res.status, 201);
}

/** The focused element, inside shadow roots too (once the page's last render has run its effects). */
async function focused(page) {
  await settled(page);
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return 'nothing';
    if (el.name) return `${el.tagName.toLowerCase()}[name=${el.name}]`;
    return `${el.tagName.toLowerCase()}: ${el.textContent.trim()}`;
  });
}

async function withPage(name, url, body) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.goto(url);
    await body(page);
    assert.deepEqual(errors, [], 'no page errors');
  } catch (err) {
    fs.mkdirSync(`${ROOT}/test-output`, { recursive: true });
    await page.screenshot({ path: `${ROOT}/test-output/a11y-${name}-failure.png`, fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await page.close();
  }
}

/** The steps a person meets, in the form found by `scope` (the page, or a portal element). */
async function everyStep(page, scope, include, prefix) {
  const form = (sel) => scope.locator(sel);
  await form(SUBMIT).waitFor();
  await assertNoViolations(page, 'the empty form', include);
  const previews = form('.csf-previews > summary');
  await previews.click();
  await form('.csf-previews[open]').waitFor();
  await assertNoViolations(page, 'the request previews, open', include);
  await previews.click();

  await form('[name="name"]').fill('Not Valid');
  await form(SUBMIT).click();
  await form('.csf-error-summary').waitFor();
  await assertNoViolations(page, 'a refused submit', include);

  await form('[name="name"]').fill(`${prefix}_made`);
  await form(SUBMIT).click();
  await form('.csf-made').waitFor();
  await assertNoViolations(page, 'a created snapshot', include);
  await form('.csf-follow .csf-badge').filter({ hasText: /Completed/i }).waitFor();
  await assertNoViolations(page, 'a snapshot followed to COMPLETED', include);

  // A name taken by an older snapshot: the alert with its rows (before any lookup of a fault
  // runs: its list, read in the background, would flag the name before it is sent).
  let kind = '';
  await faults(page, () => kind);
  await makeOlder(`${prefix}_older`);
  await page.waitForTimeout(1_000);
  await form('[name="name"]').fill(`${prefix}_older`);
  await form(SUBMIT).click();
  await form('.csf-taken-by').waitFor();
  await assertNoViolations(page, 'a name taken by an older snapshot', include);

  // A 504 with the list call held: the failure and the page checking the list.
  kind = '504';
  let releaseList;
  const held = new Promise((resolve) => { releaseList = resolve; });
  await page.route(/\/index_snapshots(\?|$)/, async (route) => { await held; await route.continue(); });
  await form('[name="name"]').fill(`${prefix}_checking`);
  await form(SUBMIT).click();
  await form('.csf-checking').waitFor();
  await assertNoViolations(page, 'a lookup in progress', include);
  releaseList();
  await page.unroute(/\/index_snapshots(\?|$)/);

  kind = '500:css';
  await form('[name="name"]').fill(`${prefix}_failed`);
  await form(SUBMIT).click();
  await form('.csf-failure').filter({ hasText: /\b500\b/ }).waitFor();
  await assertNoViolations(page, 'a failed call', include);
}

test('axe: no violation at any step on the standalone page, whose title is its one h1', () =>
  withPage('standalone', formUrl(emulator.url), async (page) => {
    const scope = page.locator('.csf');
    await scope.locator(SUBMIT).waitFor();
    assert.deepEqual(await page.locator('h1').allTextContents(), ['Create snapshot']);
    await scope.locator('[name="x_auth_token"]').fill('a11y-token');
    await everyStep(page, scope, null, 'a11y_page');
  }));

test('axe: no violation at any step in the demo portal (inside the shadow roots); no h1 in the forms', () =>
  withPage('portal', `${emulator.url}/portal/`, async (page) => {
    for (const id of ['form-a', 'form-b', 'form-c']) await page.locator(`#${id}`).locator(SUBMIT).waitFor();
    // The portal's own content (its deliberately clashing demo styles) is not the form's.
    const include = ['#form-a', '#form-b', '#form-c'];
    assert.equal(await page.locator('#form-a h1, #form-b h1, #form-c h1').count(), 0, 'forms keep to h2 and below');
    const scope = page.locator('#form-a');
    await scope.locator('[name="x_auth_token"]').fill('a11y-token');
    await everyStep(page, scope, include, 'a11y_portal');
  }));

test('keyboard only: Tab order, Enter submits, and the focus after each outcome', () =>
  withPage('keyboard', formUrl(emulator.url), async (page) => {
    await page.locator(SUBMIT).waitFor();
    // From the top of the page: the language switch, every field, then the buttons, the previews,
    // then out of the page.
    const order = [];
    for (let i = 0; i < 13; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
    }
    assert.deepEqual(order, [
      'button: English', 'button: 中文',
      'input[name=project_id]', 'input[name=cluster_id]', 'input[name=name]', 'textarea[name=description]',
      'input[name=indices]', 'input[name=x_auth_token]', 'button: Create snapshot',
      "button: Show the cluster's snapshots", 'button: Clear the form', 'summary: Request preview', 'nothing',
    ]);
    // Shift+Tab walks back.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'summary: Request preview');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'button: Clear the form');

    // Typed, field by field, without the mouse; Enter in a field submits.
    await page.locator('[name="name"]').focus();
    await page.keyboard.type('keyboard_snap');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Typed with the keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.type('logs-*');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kb-token');
    await page.keyboard.press('Enter');

    // Created: the summary heading has the focus, and Tab goes on into the summary's controls.
    await page.locator('.csf-made').waitFor();
    assert.equal(await focused(page), 'h2: Snapshot created: keyboard_snap');
    let next = '';
    for (let i = 0; i < 3 && next !== 'button: Create another snapshot'; i += 1) {
      await page.keyboard.press('Tab');
      next = await focused(page);
      assert.match(next, /^button: (Stop following|Check again|Create another snapshot)$/);
    }
    assert.equal(next, 'button: Create another snapshot');
    // "Create another": into the name field with the suggestion selected: typing replaces it.
    await page.keyboard.press('Enter');
    assert.equal(await focused(page), 'input[name=name]');
    await page.keyboard.type('keyboard_two');
    assert.equal(await page.locator('[name="name"]').inputValue(), 'keyboard_two');
    assert.equal(await page.locator('[name="indices"]').inputValue(), 'logs-*');

    // Refused: the error summary has the focus; its link takes the keyboard to the field.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await page.locator('.csf-error-summary').waitFor();
    assert.match(await focused(page), /^div: There is a problem/);
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^a: Snapshot name: /);
    await page.keyboard.press('Enter');
    assert.equal(await focused(page), 'input[name=name]');

    // Failed: the failure's heading has the focus.
    await faults(page, () => '500:css');
    await page.keyboard.type('keyboard_fail');
    await page.keyboard.press('Enter');
    await page.locator('.csf-failure').waitFor();
    assert.match(await focused(page), /^h2: 500 \S.*: the snapshot was not created$/);
    const posts = (await emulator.posts()).filter((p) => p.json?.name?.startsWith('keyboard_'));
    assert.deepEqual(posts.map((p) => [p.json.name, p.status]), [['keyboard_snap', 201], ['keyboard_fail', 500]]);
  }));
