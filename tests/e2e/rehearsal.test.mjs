// The first reply rehearsed while the browser is idle after load (app/warm.rs): a made-up success
// is laid out inside the form once per language, so that the first real reply's tables do not
// wait for the browser's font look-ups, compiling and first date formatter. A person must never
// meet it: it is hidden, unheard (aria-hidden, inert), takes no room, is gone in the next render,
// sends nothing and tells the host nothing; and it does not come again for the same language.
import assert from 'node:assert/strict';
import test from 'node:test';
import { fill, useHarness } from './harness.mjs';

const h = useHarness(test);
const EVENTS = ['snapshot-created', 'snapshot-failed', 'snapshot-completed', 'request'];

/** Before any page script: records each rehearsal container as it is added and removed. */
function watch(events) {
  window.__rehearsals = [];
  window.__events = [];
  for (const type of events) document.addEventListener(type, () => window.__events.push(type), true);
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (!(n instanceof Element) || !n.matches('.csf-rehearsal')) continue;
        const box = n.getBoundingClientRect();
        const style = getComputedStyle(n);
        window.__rehearsals.push({
          added: performance.now(),
          removed: null,
          ariaHidden: n.getAttribute('aria-hidden'),
          inert: n.inert,
          visibility: style.visibility,
          height: box.height,
          tables: n.querySelectorAll('table').length,
          insideForm: !!n.closest('.csf'),
          // Ids the form's own elements have too (the focus and the labels look ids up).
          sharedIds: [...n.querySelectorAll('[id]')].map((e) => e.id)
            .filter((id) => n.getRootNode().querySelectorAll(`#${CSS.escape(id)}`).length > 1),
        });
        n.__record = window.__rehearsals.at(-1);
      }
      for (const n of r.removedNodes) if (n.__record) n.__record.removed = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function openWatched(query) {
  const page = await h.browser.context.newPage();
  const requests = [];
  page.on('request', (r) => r.url().includes('/v1.0/') && requests.push(`${r.method()} ${r.url()}`));
  await page.addInitScript(watch, EVENTS);
  await page.goto(new URL(`/?${new URLSearchParams(query)}`, h.emulator.url).href);
  await page.locator('button[type=submit]').waitFor();
  return { page, requests };
}

/** Waits until the page has rehearsed `n` times and each rehearsal is gone again. */
async function rehearsed(page, n) {
  await page.waitForFunction((count) => window.__rehearsals.length >= count
    && window.__rehearsals.every((r) => r.removed !== null), n);
  return page.evaluate(() => window.__rehearsals);
}

test('the first reply is rehearsed once after load, hidden and unheard, and leaves nothing behind', async () => {
  const { page, requests } = await openWatched({ project_id: 'p0123', cluster_id: 'c0123' });
  try {
    const [r, ...more] = await rehearsed(page, 1);
    assert.deepEqual(more, [], 'one rehearsal');
    assert.equal(r.insideForm, true, 'laid out inside the form, under its style sheet');
    assert.ok(r.tables >= 2, `the reply's tables laid out (Table 4 with Table 5 nested): ${r.tables}`);
    assert.equal(r.ariaHidden, 'true');
    assert.equal(r.inert, true);
    assert.equal(r.visibility, 'hidden');
    assert.equal(r.height, 0, 'takes no room');
    assert.deepEqual(r.sharedIds, [], 'no id of the form used twice');
    assert.deepEqual(await page.evaluate(() => window.__events), [], 'nothing told to the host');
    assert.deepEqual(requests, [], 'nothing sent');
    // What the person sees is the form as loaded: no outcome, the fields as they were.
    assert.equal(await page.locator('.csf-outcome > :not(.csf-announce)').count(), 0);
    assert.equal(await page.locator('.csf-rehearsal').count(), 0);
    assert.equal(await page.getByRole('heading', { name: /snapshot created/i }).count(), 0);
    assert.equal(await page.locator('[name=project_id]').inputValue(), 'p0123');
    assert.equal(await page.locator('[name=name]').inputValue(), '');

    // Typing goes on as before; no second rehearsal for the same language.
    await fill(page, { name: 'after_rehearsal' });
    await page.waitForTimeout(300);
    assert.equal((await page.evaluate(() => window.__rehearsals)).length, 1);
  } finally {
    await page.close();
  }
});

test('switching the language rehearses the other language once', async () => {
  const { page } = await openWatched({ project_id: 'p0123', cluster_id: 'c0123' });
  try {
    await rehearsed(page, 1);
    await page.locator('.csf-lang-option', { hasText: '中文' }).click();
    const all = await rehearsed(page, 2);
    assert.equal(all.length, 2);
    await page.locator('.csf-lang-option', { hasText: 'English' }).click();
    await page.waitForTimeout(300);
    assert.equal((await page.evaluate(() => window.__rehearsals)).length, 2, 'English was rehearsed already');
  } finally {
    await page.close();
  }
});
