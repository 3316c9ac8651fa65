// Following a new snapshot through the list call until it ends, and the cluster's list.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, TIMEOUT_MS, fill, formUrl, launchBrowser, screenshot, startEmulator,
} from './harness.mjs';

// A build of 2 s ends before the page's first check (3 s after creation).
const BUILD = ['--build-seconds', '2'];
const LONG_WAIT = { timeout: Math.max(TIMEOUT_MS, 30_000) };

let browser;
test.before(async () => { browser = await launchBrowser(); });
test.after(async () => { await browser?.close(); });

async function open(emulator) {
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  await page.goto(formUrl(emulator.url));
  await page.locator('button[type=submit]').waitFor();
  return page;
}

const badge = (page) => page.locator('.csf-follow .csf-badge');

async function create(page, name) {
  await fill(page, { name, indices: 'logs-a,logs-b' });
  await page.locator('button[type=submit]').click();
  await page.getByRole('heading', { name: /Snapshot created/ }).waitFor();
}

test('created, then BUILDING, then COMPLETED on the page without a reload; the list shows it', async () => {
  const emulator = await startEmulator({ args: BUILD });
  try {
    const page = await open(emulator);
    await create(page, 'follow_done');
    assert.equal((await badge(page).textContent()).trim(), 'Building');
    await page.locator('.csf-follow', { hasText: 'Completed' }).waitFor(LONG_WAIT);
    assert.match(await page.locator('.csf-follow').textContent(), /10 shards, 0 failed/);
    // The Table 4 view took the fuller data from the list.
    const status = page.locator('xpath=//th[normalize-space(.)="status"]/following-sibling::td[1]');
    assert.match(await status.textContent(), /^COMPLETED/);
    // The cluster's list appeared with the new snapshot highlighted.
    const row = page.locator('.csf-list tr.csf-new');
    await row.waitFor();
    assert.match(await row.textContent(), /follow_done/);
    assert.equal(await page.locator('.csf-follow button', { hasText: 'Stop following' }).count(), 0);
    await screenshot(page, 'follow-completed.png');
    // Following never created anything: one POST, then GETs only.
    const posts = await emulator.posts();
    assert.equal(posts.length, 1);
    await page.close();
  } finally {
    await emulator.stop();
  }
});

test('FAILED and PART_FAILED endings each have their own words and look', async () => {
  const emulator = await startEmulator({ args: BUILD });
  try {
    for (const [name, words, tone, shards] of [
      ['failed-nightly', 'Failed', 'csf-tone-danger', /10 shards, 10 failed/],
      ['partial-nightly', 'Partially failed', 'csf-tone-warning', /10 shards, 5 failed/],
    ]) {
      const page = await open(emulator);
      await create(page, name);
      const panel = page.locator(`.csf-follow.${tone}`);
      await panel.waitFor(LONG_WAIT);
      const text = await panel.textContent();
      assert.match(text, new RegExp(words));
      assert.match(text, shards);
      await page.close();
    }
  } finally {
    await emulator.stop();
  }
});

test('a name already used on the cluster is flagged before submit and nothing is sent', async () => {
  const emulator = await startEmulator({ args: BUILD });
  try {
    const res = await fetch(`${emulator.url}/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'taken_name' }),
    });
    assert.equal(res.status, 201);
    const page = await open(emulator);
    await page.getByRole('button', { name: "Show the cluster's snapshots" }).click();
    await page.locator('.csf-list tr', { hasText: 'taken_name' }).waitFor();
    await fill(page, { name: 'taken_name' });
    await page.locator('[name=name][aria-invalid="true"]').waitFor();
    assert.match(await page.locator('.csf-field[data-field=name]').textContent(), /Already used on this cluster/);
    await page.locator('button[type=submit]').click();
    assert.equal((await emulator.posts()).length, 1, 'only the one made above');
    await page.close();
  } finally {
    await emulator.stop();
  }
});

test('the service going away mid-follow shows a warning, keeps what is known and recovers', async () => {
  const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'css-follow-')), 'state.json');
  const args = ['--build-seconds', '6', '--state-file', state];
  let emulator = await startEmulator({ args });
  const listen = new URL(emulator.url).host;
  try {
    const page = await open(emulator);
    await create(page, 'outage_check');
    await emulator.stop();
    const warning = page.locator('.csf-poll-warning');
    await warning.waitFor(LONG_WAIT);
    assert.match(await warning.textContent(), /Checking the snapshot failed/);
    assert.match(await badge(page).textContent(), /Building/, 'what was known is kept');
    // Back on the same address, with the same snapshots.
    emulator = await startEmulator({ args, listen });
    await page.locator('.csf-follow', { hasText: 'Completed' }).waitFor(LONG_WAIT);
    assert.equal(await warning.count(), 0, 'the warning is gone once a check succeeds');
    assert.equal((await emulator.posts()).length, 0, 'no create was sent again');
    await page.close();
  } finally {
    await emulator.stop();
  }
});
