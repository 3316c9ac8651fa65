// After the click, against the real emulator: what the page says and does once a create request
// has ended, well or badly.
// - Each ambiguous failure (a dropped connection, a 201 cut off, a 504, a 201 that is not JSON,
//   no reply within ?timeout=2) with the snapshot made and not made on the emulator: the page
//   reads the cluster's list itself, never sends the create again, and ends as created (with the
//   lost-reply note, followed to its end, snapshot-created once) or as not created (safe to retry).
// - A 409 after an attempt whose fate the page could not tell ("your earlier attempt created it"),
//   and a 409 for an older snapshot (its rows shown).
// - A success at 360 px: the summary takes the focus and is on screen, no false "already used";
//   "Create another snapshot"; the error summary of a refused submit and its links.
//
// One emulator serves the file. Playwright adds X-Emulator-Fault (and X-Emulator-Fault-Handled:
// yes when the snapshot is to exist, X-Emulator-Latency-Ms for the timeout) to the page's create
// request on its way out. The tests run side by side in tabs (the "not made" ones wait out the
// page's ~20 s of checks), each with its own snapshot name; calls are counted in the tab, as the
// page made them, and in the emulator's log by name.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test, { before, describe, it } from 'node:test';
import {
  CLUSTER_ID, OUTPUT_DIR, PROJECT_ID, cell, field, fill, formValues, idle, settled, useHarness, withPage,
} from './harness.mjs';

const h = useHarness(test);

/** How many tests run at once (tabs in the one browser). */
const CONCURRENCY = Number(process.env.E2E_AFTER_CONCURRENCY || 8);

const SUBMIT = 'button[type=submit]';
const LIST_PATH = `/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshots`;
/** When the page reads the list after an ambiguous failure, in ms from the failure (state/lookup.rs). */
const SCHEDULE = [0, 2_000, 6_000, 12_000, 20_000];
/** How long the page's checks can take at most, with room for a loaded machine. */
const CHECKS_MS = 45_000;
/** What the page said while it could not tell whether the snapshot exists. */
const MAYBE = /may (still )?have been created|probably created/i;
const EVENTS = ['snapshot-created', 'snapshot-failed', 'snapshot-completed'];

/** Makes every tab record the form's events as they reach the document (call once the browser is up). */
function recordEvents() {
  return h.browser.context.addInitScript((types) => {
    window.__events = [];
    for (const type of types) {
      document.addEventListener(type, (e) => {
        window.__events.push({ type, detail: JSON.parse(JSON.stringify(e.detail ?? null)) });
      });
    }
  }, EVENTS);
}

/** The events of `type` the page has sent so far. */
function events(page, type) {
  return page.evaluate((t) => window.__events.filter((e) => e.type === t), type);
}

/**
 * Rewrites the page's create requests (POST .../index_snapshot) on their way out with the headers
 * `headers()` returns for the n-th one (0-based); the list calls are left alone.
 */
async function onCreates(page, headers) {
  let n = 0;
  await page.route(/\/index_snapshot(\?|$)/, (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    return route.continue({ headers: { ...request.headers(), ...headers(n++) } });
  });
}

/** The headers that make the emulator answer with `kind`, after making the snapshot when `made`. */
function faultHeaders(kind, made) {
  const headers = kind === 'timeout'
    // The emulator makes the snapshot, then holds the reply back past the page's 2 s; without the
    // snapshot, a fault that is not handled (a 500 the page never sees) with the same delay.
    ? { 'x-emulator-latency-ms': '5000', ...(made ? {} : { 'x-emulator-fault': '500' }) }
    : { 'x-emulator-fault': kind };
  if (made && kind !== 'timeout') headers['x-emulator-fault-handled'] = 'yes';
  return headers;
}

/**
 * The API calls the page made, as the browser saw them leave it (Chromium may resend a POST
 * whose connection closed with no reply below the page: those are not counted here).
 */
function recordCalls(page) {
  const calls = { creates: [], lists: [] };
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() === 'POST' && url.pathname.endsWith('/index_snapshot')) calls.creates.push(Date.now());
    if (r.method() === 'GET' && url.pathname === LIST_PATH) calls.lists.push(Date.now());
  });
  return calls;
}

/** The emulator's log of create requests for `name`. */
async function postsFor(name) {
  return (await h.emulator.posts()).filter((p) => p.json?.name === name);
}

/** The example cluster's snapshots, asked of the emulator directly. */
async function snapshots() {
  const res = await fetch(`${h.emulator.url}${LIST_PATH}`);
  assert.equal(res.status, 200);
  return (await res.json()).backups;
}

/** The focused element, inside shadow roots too: its id, tag, name and text (once the page's
 *  last render has run its effects). */
async function focused(page) {
  await settled(page);
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    return { id: el.id, tag: el.tagName.toLowerCase(), name: el.getAttribute('name'), text: el.textContent.trim() };
  });
}

function typedValues(name) {
  return { name, description: 'After the click', indices: 'logs-2024,metrics-*', x_auth_token: 'after-token' };
}

/** A snapshot name for `kind` (the spec's characters only). */
function nameFor(kind, made) {
  return `after_${kind.replace(/[^a-z0-9]/g, '_')}_${made ? 'made' : 'none'}`;
}

/** The success summary once it names `name`. */
async function summaryFor(page, name, timeout) {
  const made = page.locator('.csf-made').filter({
    has: page.getByRole('heading', { name: `Snapshot created: ${name}`, exact: true }),
  });
  await made.waitFor({ timeout });
  return made;
}

/** The summary heading has the focus. */
async function assertSummaryFocused(page, name) {
  const f = await focused(page);
  assert.ok(f, 'something has the focus');
  assert.match(f.id, /-outcome$/, `the focus is on the outcome heading, not ${JSON.stringify(f)}`);
  assert.match(f.tag, /^h[1-6]$/);
  assert.equal(f.text, `Snapshot created: ${name}`);
}

/** The summary's facts, label → value. */
function facts(made) {
  return made.locator('dl.csf-made-facts').evaluate((dl) => {
    const out = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim();
    return out;
  });
}

/** The failure alert (role=alert). */
function failureAlert(page) {
  return page.locator('.csf-failure[role="alert"]');
}

/** The submit control is usable again. */
async function assertUsable(page) {
  await idle(page);
  assert.equal(await page.locator(SUBMIT).isDisabled(), false);
  assert.notEqual(await page.locator(SUBMIT).getAttribute('aria-disabled'), 'true');
}

/** Each check came no earlier than the schedule says (counted from the first). */
function assertBackedOff(times) {
  const from = times[0];
  SCHEDULE.forEach((due, i) => {
    assert.ok(times[i] - from >= due - 300, `check ${i + 1} came ${times[i] - from} ms after the first, before ${due} ms`);
  });
}

/** What the page says a reply was, in the lost-reply note. */
const REASON = {
  drop: /the service could not be reached/,
  cut: /201 Created/,
  504: /504 Gateway Timeout/,
  'created-not-json': /201 Created/,
  timeout: /no reply within 2 s/,
};

/** `reason` (and `status`) of snapshot-failed for each fault. */
const FAILED_DETAIL = {
  drop: { reason: 'network', status: null },
  cut: { reason: 'unreadable-reply', status: 201 },
  504: { reason: 'http', status: 504 },
  'created-not-json': { reason: 'unreadable-reply', status: 201 },
  timeout: { reason: 'timeout', status: null },
};

const KINDS = ['drop', 'cut', '504', 'created-not-json', 'timeout'];

/** The ambiguous fault `kind` when the emulator did make the snapshot: shown as created. */
function madeAnyway(kind) {
  it(`${kind}, the snapshot made anyway: found in the list, shown as created and followed`, () =>
    withPage(h, `after ${kind} made`, async (page) => {
      const calls = recordCalls(page);
      await onCreates(page, () => faultHeaders(kind, true));
      const typed = typedValues(nameFor(kind, true));
      await fill(page, typed);
      await page.locator(SUBMIT).click();

      const made = await summaryFor(page, typed.name);
      assert.equal(calls.creates.length, 1, 'one create request');
      assert.equal(calls.lists.length, 1, 'one read of the list found it');
      assert.equal(await failureAlert(page).count(), 0, 'the failure alert is gone');
      const note = (await made.locator('.csf-made-note').textContent()).trim();
      assert.match(note, /^The reply was lost \(.+\), but the snapshot exists: the page found it in the cluster's list\.$/);
      assert.match(note, REASON[kind]);
      await assertSummaryFocused(page, typed.name);
      // Said aloud by the outcome's status region, which was there before the success came.
      const said = page.locator('.csf-outcome > .csf-announce[role="status"]');
      assert.equal((await said.textContent()).trim(), `Snapshot created: ${typed.name}`);

      // The snapshot shown is the one the emulator made: its id, the list's row as the tables.
      const [made1] = (await snapshots()).filter((b) => b.name === typed.name);
      assert.ok(made1, 'the emulator has the snapshot');
      assert.equal((await facts(made)).ID, made1.id);
      assert.equal(await cell(page, 'id'), made1.id);
      assert.equal(await cell(page, 'indices'), typed.indices);

      // Followed to its end like any new snapshot; the host hears of it once.
      const completed = await page.waitForFunction(
        () => window.__events.find((e) => e.type === 'snapshot-completed'), null, { timeout: 30_000 },
      ).then((handle) => handle.jsonValue());
      assert.equal(completed.detail.status, 'COMPLETED');
      assert.equal(completed.detail.backup.id, made1.id);
      assert.match(await made.locator('.csf-follow .csf-badge').textContent(), /Completed/i);
      const created = await events(page, 'snapshot-created');
      assert.equal(created.length, 1, 'snapshot-created once');
      assert.equal(created[0].detail.id, made1.id);
      assert.equal(created[0].detail.name, typed.name);
      assert.deepEqual(await events(page, 'snapshot-failed'), []);

      // Never sent again by the page (Chromium itself may resend a dropped POST below it).
      assert.equal(calls.creates.length, 1);
      const posts = await postsFor(typed.name);
      if (kind === 'drop') assert.ok(posts.length >= 1);
      else assert.equal(posts.length, 1, JSON.stringify(posts));
      assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });
    }, kind === 'timeout' ? { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, timeout: '2' } : undefined));
}

/** The ambiguous fault `kind` when nothing was made: checked, then "not created, safe to retry". */
function notMade(kind) {
  it(`${kind}, nothing made: checked for ~20 s, then "not created", and a retry is safe`, () =>
    withPage(h, `after ${kind} none`, async (page) => {
      const calls = recordCalls(page);
      let fault = true;
      await onCreates(page, () => (fault ? faultHeaders(kind, false) : {}));
      const typed = typedValues(nameFor(kind, false));
      await fill(page, typed);
      await page.locator(SUBMIT).click();

      // The failure, with the page checking inside it.
      const alert = failureAlert(page);
      const checking = alert.locator('.csf-checking[role="status"]');
      await checking.waitFor({ timeout: 10_000 });
      assert.match(await checking.textContent(),
        new RegExp(`Checking the cluster's snapshots for ${typed.name} to find out whether it was created \\(check \\d of 5\\)`));
      const heading = await focused(page);
      assert.match(heading?.id ?? '', /-outcome$/, 'the failure heading has the focus');
      assert.equal(heading.text, (await alert.locator('h1,h2,h3,h4,h5,h6').first().textContent()).trim());

      const verdict = alert.locator('.csf-verdict');
      await verdict.waitFor({ timeout: CHECKS_MS });
      assert.equal(await checking.count(), 0, 'the checking line is gone');
      assert.equal((await verdict.textContent()).trim(),
        `The snapshot was not created: the cluster's list has no snapshot called ${typed.name} (5 checks over about 20 seconds). `
        + 'Trying again is safe: snapshot names are unique, so a retry cannot create a second one.');
      assert.doesNotMatch(await alert.textContent(), MAYBE, 'no "may have been created" any more');

      // Five reads of the list, backing off; one create, never resent.
      assert.equal(calls.lists.length, 5, 'the list was read at each check');
      assertBackedOff(calls.lists);
      assert.equal(calls.creates.length, 1);
      const failed = await events(page, 'snapshot-failed');
      assert.equal(failed.length, 1, 'snapshot-failed once, when the page knew');
      assert.equal(failed[0].detail.reason, FAILED_DETAIL[kind].reason);
      assert.equal(failed[0].detail.status, FAILED_DETAIL[kind].status);
      assert.deepEqual(await events(page, 'snapshot-created'), []);
      assert.ok(!(await snapshots()).some((b) => b.name === typed.name), 'the emulator has no such snapshot');
      const posts = await postsFor(typed.name);
      if (kind === 'drop') assert.ok(posts.length >= 1);
      else assert.equal(posts.length, 1, JSON.stringify(posts));
      assert.match((await focused(page))?.id ?? '', /-outcome$/, 'the focus stayed on the outcome');
      await assertUsable(page);
      assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });

      // As it says: trying again creates it, once.
      fault = false;
      await page.locator(SUBMIT).click();
      const made = await summaryFor(page, typed.name);
      assert.match(await made.locator('.csf-made-note').textContent(), /The service accepted the request/);
      assert.equal(calls.creates.length, 2);
      assert.equal((await postsFor(typed.name)).at(-1).status, 201);
    }, kind === 'timeout' ? { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, timeout: '2' } : undefined));
}

describe('after the click', { concurrency: CONCURRENCY }, () => {
  before(recordEvents);

  // ---- the slow ones first: each waits out the page's checks ---------------------------------
  for (const kind of KINDS) notMade(kind);

  it('a 409 after an attempt the page could not check: "your earlier attempt created it"', () =>
    withPage(h, 'after earlier attempt', async (page) => {
      const calls = recordCalls(page);
      // The first create makes the snapshot but its reply is a 504; the list cannot be read.
      await onCreates(page, (n) => (n === 0 ? faultHeaders('504', true) : {}));
      let listDown = true;
      await page.route(/\/index_snapshots(\?|$)/, (route) => route.continue({
        headers: { ...route.request().headers(), ...(listDown ? { 'x-emulator-fault': '503' } : {}) },
      }));
      const typed = typedValues('after_earlier_attempt');
      await fill(page, typed);
      await page.locator(SUBMIT).click();

      const alert = failureAlert(page);
      const verdict = alert.locator('.csf-verdict');
      await verdict.waitFor({ timeout: CHECKS_MS });
      assert.match(await verdict.textContent(),
        /^The page could not read the cluster's list either \(503 Service Unavailable\), so it cannot tell whether the snapshot was created\. Show the cluster's snapshots before trying again\.$/);
      assert.match(await alert.textContent(), MAYBE, 'still "may have been created": the page cannot tell');
      assert.equal(calls.lists.length, 5);
      assert.equal((await events(page, 'snapshot-failed')).length, 1);

      // The list is back; the person tries again: the service says the name is taken, by the
      // snapshot the first attempt made.
      listDown = false;
      await page.locator(SUBMIT).click();
      const made = await summaryFor(page, typed.name);
      assert.match(await made.locator('.csf-made-note').textContent(),
        /already taken \(409\): by this snapshot, which your earlier attempt created although its reply was lost/);
      await assertSummaryFocused(page, typed.name);
      const [snapshot] = (await snapshots()).filter((b) => b.name === typed.name);
      assert.equal((await facts(made)).ID, snapshot.id);
      const created = await events(page, 'snapshot-created');
      assert.equal(created.length, 1);
      assert.equal(created[0].detail.id, snapshot.id);
      assert.deepEqual((await postsFor(typed.name)).map((p) => p.status), [504, 409]);
      assert.equal(calls.creates.length, 2, 'one create per click');
    }));

  it('a person who moves on while the page checks keeps the focus where they are', () =>
    withPage(h, 'after moved on', async (page) => {
      await onCreates(page, () => faultHeaders('504', false));
      const typed = typedValues('after_moved_on');
      await fill(page, typed);
      await page.locator(SUBMIT).click();
      const alert = failureAlert(page);
      await alert.locator('.csf-checking').waitFor();
      assert.match((await focused(page))?.id ?? '', /-outcome$/, 'the failure heading had the focus');

      // They go on typing in the description while the page checks.
      await field(page, 'description').focus();
      await page.keyboard.press('End');
      await page.keyboard.type(' and more');
      await alert.locator('.csf-verdict').waitFor({ timeout: CHECKS_MS });
      assert.equal((await focused(page))?.name, 'description', 'the verdict did not take the focus away');
      // The alert is not atomic: the verdict added to it is said, not the whole alert again.
      assert.equal(await alert.getAttribute('aria-atomic'), 'false');
      await page.keyboard.type('!');
      assert.equal(await field(page, 'description').inputValue(), `${typed.description} and more!`);
    }));

  // ---- found at the first check ---------------------------------------------------------------
  for (const kind of KINDS) madeAnyway(kind);

  it('a 409 for an older snapshot: "taken by a snapshot created …", with its rows', () =>
    withPage(h, 'after older snapshot', async (page) => {
      const calls = recordCalls(page);
      const typed = typedValues('after_older_one');
      // Made by someone else, well before the page's request.
      const res = await fetch(`${h.emulator.url}/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: typed.name }),
      });
      assert.equal(res.status, 201);
      const older = (await res.json()).backup;
      await page.waitForTimeout(1_500);

      await fill(page, typed);
      await page.locator(SUBMIT).click();
      const alert = failureAlert(page);
      const verdict = alert.locator('.csf-verdict');
      await verdict.waitFor();
      assert.match(await alert.textContent(), /409/);
      assert.match(await alert.textContent(), /CSS\.0043/);
      assert.match(await verdict.textContent(),
        // The date in the reader's locale and zone (Intl), e.g. "Dec 1, 2026, 12:25:58 PM UTC".
        new RegExp(`^The name ${typed.name} is taken by a snapshot created \\S.*\\b\\d{4}\\b.*\\d\\d:\\d\\d.*: choose another name\\.$`));
      const rows = alert.locator('.csf-taken-by table');
      assert.equal(await rows.locator('xpath=.//th[normalize-space(.)="id"]/following-sibling::td[1]').textContent(), older.id);
      assert.match(await rows.locator('xpath=.//th[normalize-space(.)="created"]/following-sibling::td[1]').textContent(), /UTC/);
      assert.match((await focused(page))?.id ?? '', /-outcome$/, 'the failure heading has the focus');

      assert.equal(calls.creates.length, 1);
      assert.equal(calls.lists.length, 1);
      assert.deepEqual(await events(page, 'snapshot-created'), []);
      const [failed] = await events(page, 'snapshot-failed');
      assert.equal(failed.detail.status, 409);
      assert.equal(failed.detail.code, 'CSS.0043');
      // The list the page read flags the name now.
      assert.equal(await field(page, 'name').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });
    }));

  it('a success at 360 px: the summary has the focus and is on screen; no false "already used"', () =>
    withPage(h, 'after success 360', async (page) => {
      await page.setViewportSize({ width: 360, height: 740 });
      const calls = recordCalls(page);
      const typed = typedValues('after_phone');
      await fill(page, typed);
      await page.locator(SUBMIT).click();

      const made = await summaryFor(page, typed.name);
      await assertSummaryFocused(page, typed.name);
      const { top, bottom, innerHeight } = await made.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, innerHeight: window.innerHeight };
      });
      assert.ok(top >= 0 && bottom <= innerHeight, `the summary (${top}–${bottom}) is inside the ${innerHeight} px viewport`);
      assert.match(await made.locator('.csf-made-note').textContent(), /^The service accepted the request\./);
      const f = await facts(made);
      assert.deepEqual(Object.keys(f), ['ID', 'Indices', 'Cluster']);
      assert.equal(f.Indices, typed.indices);
      assert.equal(f.Cluster, `es-demo (${CLUSTER_ID})`);
      // A reply's success is said by the focused summary alone, not a second time by the region.
      assert.equal((await page.locator('.csf-outcome > .csf-announce').textContent()).trim(), '');
      // The details follow under the summary.
      const details = page.locator('.csf-result');
      assert.equal(await details.getByRole('heading', { name: 'Snapshot details' }).count(), 1);
      assert.ok((await details.boundingBox()).y >= (await made.boundingBox()).y + (await made.boundingBox()).height - 1);
      fs.mkdirSync(OUTPUT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'after-360.png') });

      // The follow's first check reads the list, which has the name now: still no error.
      await page.waitForResponse((r) => new URL(r.url()).pathname === LIST_PATH && r.status() === 200, { timeout: 10_000 });
      await page.waitForTimeout(200);
      assert.notEqual(await field(page, 'name').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByText(/Already used/).count(), 0);
      assert.equal(await page.locator('.csf-error-summary').count(), 0);
      assert.equal(await page.getByText(/Please correct/).count(), 0);
      assert.deepEqual(await formValues(page), { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed });

      // The same name again is refused before anything is sent.
      await page.locator(SUBMIT).click();
      const summary = page.locator('.csf-error-summary[role="alert"]');
      await summary.waitFor();
      assert.match(await summary.textContent(), /Snapshot name: Already used/);
      assert.equal(await field(page, 'name').getAttribute('aria-invalid'), 'true');
      assert.equal(calls.creates.length, 1, 'nothing more was sent');
      assert.equal((await postsFor(typed.name)).length, 1);
    }));

  it('"Create another snapshot": a fresh name, selected in the name field; the rest kept', () =>
    withPage(h, 'after create another', async (page) => {
      const typed = typedValues('after_again');
      await fill(page, typed);
      await page.locator(SUBMIT).click();
      await summaryFor(page, typed.name);

      const day = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');
      const before = day();
      await page.locator('.csf-another').click();
      const suggested = await field(page, 'name').inputValue();
      assert.ok([before, day()].some((d) => suggested === `${typed.name}-${d}`), suggested);
      const f = await focused(page);
      assert.equal(f?.name, 'name', 'the name field has the focus');
      const selection = await field(page, 'name').evaluate((el) => [el.selectionStart, el.selectionEnd]);
      assert.deepEqual(selection, [0, suggested.length], 'the suggestion is selected, ready to type over');
      assert.deepEqual(await formValues(page),
        { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, ...typed, name: suggested });
      assert.notEqual(await field(page, 'name').getAttribute('aria-invalid'), 'true');

      // Enter creates it; the next suggestion counts on from there.
      await field(page, 'name').press('Enter');
      await summaryFor(page, suggested);
      await assertSummaryFocused(page, suggested);
      await page.locator('.csf-another').click();
      assert.equal(await field(page, 'name').inputValue(), `${suggested}-2`);
      assert.deepEqual((await h.emulator.posts()).filter((p) => p.json?.name?.startsWith(typed.name))
        .map((p) => [p.json.name, p.status]), [[typed.name, 201], [suggested, 201]]);
    }));

  it('a refused submit: the error summary has the focus, one link per field, each to its field', () =>
    withPage(h, 'after error summary', async (page) => {
      const calls = recordCalls(page);
      await fill(page, { project_id: '', name: 'Bad Name', x_auth_token: 't' });
      await page.locator(SUBMIT).click();

      const summary = page.locator('.csf-error-summary[role="alert"]');
      await summary.waitFor();
      assert.equal((await focused(page))?.id, await summary.getAttribute('id'), 'the summary has the focus');
      assert.equal((await summary.getByRole('heading').textContent()).trim(), 'There is a problem');
      const links = summary.getByRole('link');
      assert.deepEqual((await links.allTextContents()).map((t) => t.split(':')[0]), ['Project ID', 'Snapshot name']);
      assert.match(await links.nth(0).textContent(), /^Project ID: Project ID is required/);
      assert.match(await links.nth(1).textContent(), /^Snapshot name: Position 1: uppercase 'B'/);

      const address = page.url();
      await links.nth(1).click();
      assert.equal((await focused(page))?.name, 'name', 'the link focused the name field');
      await links.nth(0).focus();
      await page.keyboard.press('Enter');
      assert.equal((await focused(page))?.name, 'project_id', 'Enter on a link focuses its field');
      assert.equal(page.url(), address, 'the address did not change');
      // Each field keeps its own message.
      assert.equal(await field(page, 'name').getAttribute('aria-invalid'), 'true');
      assert.equal(await field(page, 'project_id').getAttribute('aria-invalid'), 'true');

      // Fixing a field takes its link away; fixing all takes the summary away, and it sends.
      await fill(page, { project_id: PROJECT_ID });
      await page.waitForFunction(() => document.querySelectorAll('.csf-error-summary a').length === 1);
      await fill(page, { name: 'good_name_now' });
      await summary.waitFor({ state: 'detached' });
      assert.equal(calls.creates.length, 0, 'nothing was sent while refused');
      await page.locator(SUBMIT).click();
      await summaryFor(page, 'good_name_now');
      assert.equal(calls.creates.length, 1);
    }));
});
