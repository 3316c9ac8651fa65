// The request previews against the real emulator: the curl preview, copied from the page, run
// with bash, sends exactly the request the page sends for the same form (the token from
// CSS_TOKEN); the Python preview runs with the pinned official SDK (tests/sdk's venv) and creates
// the snapshot; the Terraform block uses the provider's documented argument names.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, ROOT, fill, holdListCalls, resultHeading, startEmulator, useHarness, withPage,
} from './harness.mjs';

const TOKEN = 'e2e-preview-token-7c1d';
const h = useHarness(test, { token: TOKEN });

// Every character the rules allow in these fields and a shell, Python or HCL would read:
// quotes, $, backticks, backslash (description only: indices refuse it), &, ;, CJK, emoji.
const HOSTILE = {
  name: 'preview_quote_1',
  description: `it's "$HOME" \`id\` $(id) \\n & ; | 快照 😀 \${x} %{y}`,
  indices: "log$*,it's;a&b`c`,快照😀,%{z}",
};

const pre = (page, kind) => page.locator(`pre[data-preview="${kind}"]`);

async function openPreviews(page) {
  await page.locator('details.csf-previews > summary').click();
  await pre(page, 'curl').waitFor();
}

/** What the emulator logged of a request, as the comparison needs it (no time stamps). */
const essentials = (r) => ({
  method: r.method, path: r.path, body: r.body, content_type: r.content_type, has_token: r.has_token, status: r.status,
});

function need(program) {
  const r = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${program} is needed on PATH for this test (Debian: apt-get install ${program})`);
}

test.beforeEach(async () => {
  await h.emulator.reset();
  await h.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.emulator.url });
});

test('the previews sit closed under the form and follow what is typed, marked while invalid', () =>
  withPage(h, 'preview follows', async (page) => {
    const details = page.locator('details.csf-previews');
    assert.equal(await details.evaluate((d) => d.open), false, 'closed by default');
    assert.equal(await details.locator('summary').textContent(), 'Request preview');
    // Under the form.
    assert.ok(await page.evaluate(() => {
      const form = document.querySelector('form.csf-form');
      const d = document.querySelector('details.csf-previews');
      return Boolean(form.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING);
    }));
    await openPreviews(page);
    for (const kind of ['http', 'curl', 'python', 'terraform']) assert.equal(await pre(page, kind).count(), 1, kind);

    await fill(page, { name: 'Bad Name' });
    await page.waitForFunction(() => document.querySelector('pre[data-preview="python"]').textContent.includes('"Bad Name"'));
    const marks = await page.locator('.csf-preview-mark').allTextContents();
    assert.equal(marks.length, 4);
    for (const m of marks) assert.match(m, /^Not valid yet: 3 problems\b/);

    await fill(page, { name: 'good_name', x_auth_token: TOKEN });
    await page.waitForFunction(() => document.querySelectorAll('.csf-preview-mark').length === 0);
    const curl = await pre(page, 'curl').textContent();
    assert.match(curl, /-H "X-Auth-Token: \$CSS_TOKEN"/);
    for (const kind of ['http', 'curl', 'python', 'terraform']) {
      assert.ok(!(await pre(page, kind).textContent()).includes(TOKEN), `${kind} holds the typed token`);
    }
    // The URL is the page's own API base made absolute.
    assert.ok(curl.includes(`'${h.emulator.url}/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot'`), curl);
  }));

test('with hide-token the curl command sends no token header', () =>
  withPage(h, 'preview hide token', async (page) => {
    await openPreviews(page);
    await fill(page, { name: 'no_token_1' });
    await page.waitForFunction(() => document.querySelector('pre[data-preview="curl"]').textContent.includes('no_token_1'));
    const curl = await pre(page, 'curl').textContent();
    assert.ok(!curl.includes('X-Auth-Token'), curl);
    assert.ok(!curl.includes('CSS_TOKEN'), curl);
  }, { project_id: PROJECT_ID, cluster_id: CLUSTER_ID, hide_token: '1' }));

test('the copied curl command, run with bash, sends exactly the request the page sends', () =>
  withPage(h, 'preview curl', async (page) => {
    need('bash');
    need('curl');
    await holdListCalls(page);
    await fill(page, { ...HOSTILE, x_auth_token: TOKEN });
    await openPreviews(page);
    await page.waitForFunction(
      (n) => document.querySelector('pre[data-preview="curl"]').textContent.includes(n), HOSTILE.name);
    const text = await pre(page, 'curl').textContent();
    assert.ok(!text.includes(TOKEN));

    // The copy button puts exactly the shown text on the clipboard, and says so.
    const button = page.locator('button[data-copy="curl"]');
    await button.click();
    await page.waitForFunction(() => document.querySelector('button[data-copy="curl"]').textContent === 'Copied');
    const status = page.locator('[data-preview-block="curl"] [role="status"]');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.equal(await status.textContent(), 'Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, text);
    // "Copied" lasts a moment.
    await page.waitForFunction(() => document.querySelector('button[data-copy="curl"]').textContent === 'Copy');

    const run = (token) => spawnSync('bash', [], {
      input: copied, encoding: 'utf8', env: { PATH: process.env.PATH, CSS_TOKEN: token },
    });
    const ran = run(TOKEN);
    assert.equal(ran.status, 0, ran.stderr);
    assert.match(ran.stdout, /"backup"/, ran.stdout);
    const fromCurl = await h.emulator.posts();
    assert.equal(fromCurl.length, 1);
    assert.equal(fromCurl[0].status, 201, JSON.stringify(fromCurl[0]));
    assert.deepEqual(fromCurl[0].json, { name: HOSTILE.name, description: HOSTILE.description, indices: HOSTILE.indices });

    // The page's own POST for the same form.
    await h.emulator.reset();
    await page.locator('button[type=submit]').click();
    await resultHeading(page);
    const fromPage = await h.emulator.posts();
    assert.equal(fromPage.length, 1);
    assert.deepEqual(essentials(fromCurl[0]), essentials(fromPage[0]));

    // The token is the one in CSS_TOKEN: another value is refused by the emulator's gateway check.
    await h.emulator.reset();
    const wrong = run('not-the-token');
    assert.equal(wrong.status, 0, wrong.stderr);
    assert.match(wrong.stdout, /APIG\.0301/);
    assert.deepEqual((await h.emulator.posts()).map((p) => p.status), [403]);
  }));

test('when the clipboard refuses, the copy button selects the text instead', () =>
  withPage(h, 'preview copy refused', async (page) => {
    await openPreviews(page);
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    await page.locator('button[data-copy="http"]').click();
    const status = page.locator('[data-preview-block="http"] [role="status"]');
    await page.waitForFunction(() => document.querySelector('[data-preview-block="http"] [role="status"]').textContent !== '');
    assert.match(await status.textContent(), /^Selected/);
    const selected = await page.evaluate(() => window.getSelection().toString());
    assert.equal(selected, await pre(page, 'http').textContent());
  }));

/** The tests/sdk venv's Python, made ready (pinned SDK) if this machine has none yet. */
function sdkPython() {
  const python = path.join(ROOT, process.env.SDK_VENV || 'target/sdk-venv', 'bin/python');
  if (!fs.existsSync(python)) {
    const r = spawnSync(path.join(ROOT, 'tests/sdk/run'), ['--venv-only'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `tests/sdk/run --venv-only failed:\n${r.stdout}\n${r.stderr}`);
  }
  return python;
}

test('the Python preview creates the snapshot with the pinned official SDK', { timeout: 600_000 }, () =>
  withPage(h, 'preview python', async (page) => {
    const python = sdkPython();
    await fill(page, { ...HOSTILE, x_auth_token: TOKEN });
    await openPreviews(page);
    await page.waitForFunction(
      (n) => document.querySelector('pre[data-preview="python"]').textContent.includes(n), HOSTILE.name);
    const script = await pre(page, 'python').textContent();
    assert.ok(!script.includes(TOKEN));
    assert.match(script, /^ENDPOINT = .*https:\/\/css\.\{REGION\}\.myhuaweicloud\.com/m);

    // The SDK signs with AK/SK and sends no X-Auth-Token, so it talks to an emulator without --token.
    const emulator = await startEmulator();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'css-preview-'));
    try {
      const file = path.join(dir, 'create_snapshot.py');
      fs.writeFileSync(file, script);
      const r = spawnSync(python, [file], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HUAWEICLOUD_SDK_AK: 'EMULATORAK0000000000',
          HUAWEICLOUD_SDK_SK: 'emulator-secret-key-not-real-0000000000',
          CSS_ENDPOINT: emulator.url,
        },
      });
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
      const reply = JSON.parse(r.stdout);
      assert.equal(reply.backup.name, HOSTILE.name);

      const posts = await emulator.posts();
      assert.equal(posts.length, 1);
      assert.equal(posts[0].status, 201);
      assert.equal(posts[0].path, `/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshot`);
      assert.deepEqual(posts[0].json, { name: HOSTILE.name, description: HOSTILE.description, indices: HOSTILE.indices });
      // The snapshot exists: the list call names it.
      const list = await fetch(`${emulator.url}/v1.0/${PROJECT_ID}/clusters/${CLUSTER_ID}/index_snapshots`);
      const { backups } = await list.json();
      assert.deepEqual(backups.map((b) => b.id), [reply.backup.id]);
      assert.equal(backups[0].description, HOSTILE.description);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await emulator.stop();
    }
  }));

test('the Terraform block uses the provider\'s argument names and says where the region goes', () =>
  withPage(h, 'preview terraform', async (page) => {
    await fill(page, HOSTILE);
    await openPreviews(page);
    await page.waitForFunction(
      (n) => document.querySelector('pre[data-preview="terraform"]').textContent.includes(n), HOSTILE.name);
    const hcl = await pre(page, 'terraform').textContent();
    // huaweicloud/terraform-provider-huaweicloud docs/resources/css_snapshot.md, "Argument Reference".
    const documented = ['name', 'cluster_id', 'index', 'description'];
    const block = hcl.slice(hcl.indexOf('resource "huaweicloud_css_snapshot" "snapshot" {'));
    assert.ok(block.length > 0 && block.trimEnd().endsWith('}'), hcl);
    const args = [...block.matchAll(/^ {2}([a-z_]+) += /gm)].map((m) => m[1]);
    assert.deepEqual(args, documented);
    // The region goes in the provider block (docs/index.md: `region`, or HW_REGION_NAME).
    assert.match(hcl, /^provider "huaweicloud" \{\n {2}region = "[a-z0-9-]+"\n\}$/m);
    assert.match(hcl, /^#.*HW_REGION_NAME/m);
    // Interpolation and directive starts in the values are escaped.
    assert.ok(hcl.includes('$${x} %%{y}'), hcl);
    assert.ok(hcl.includes(`cluster_id  = "${CLUSTER_ID}"`), hcl);
  }));

test('open at 360 px, the previews scroll inside their blocks, never the page', () =>
  withPage(h, 'preview narrow', async (page) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await fill(page, { name: 'narrow_preview_1', description: 'x'.repeat(200), x_auth_token: TOKEN });
    await openPreviews(page);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `page scrolls sideways: ${scroll} > ${client}`);
    const pres = await page.evaluate(() => [...document.querySelectorAll('pre[data-preview]')]
      .map((p) => p.getBoundingClientRect().right));
    for (const right of pres) assert.ok(right <= 360, `a preview sticks out: ${right}`);
  }));
