// The reader's language: Simplified Chinese from the query, the browser or the portal's page;
// English when asked or by default; the standalone page's switch keeping what was typed;
// rule messages, the 201 tables (dates in the reader's zone), a 403 and a network failure in
// Chinese; 360 px in Chinese without sideways scrolling.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import {
  CLUSTER_ID, PROJECT_ID, ROOT, alertText, cell, field, fieldError, fill, formValues, holdListCalls,
  screenshot, useHarness, withPage,
} from './harness.mjs';
import { formField, launchBrowser, stageSite, startEmulator, submitOf } from './embed-support.mjs';

const TOKEN = 'lang-token-0123456789';
const IDS = { project_id: PROJECT_ID, cluster_id: CLUSTER_ID };

// A browser in English (the harness's default) and one in Chinese in Beijing's time zone.
const en = useHarness(test, { token: TOKEN });
const zh = useHarness(test, { token: TOKEN, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

/** The shown value and the value as sent of the reply field `name`. */
async function valueOf(page, name) {
  const td = page.locator(`xpath=//th[normalize-space(.)="${name}"]/following-sibling::td[1]`).first();
  const raw = td.locator('.csf-raw');
  return {
    shown: (await td.locator('.csf-value').textContent()).trim(),
    raw: (await raw.count()) ? (await raw.textContent()).trim() : null,
  };
}

/** The form's language as the page declares it: the form's root and the document's. */
async function langs(page) {
  return page.evaluate(() => [document.querySelector('.csf').lang, document.documentElement.lang]);
}

/** The panic notices the page keeps ready for its forms (boot.js shows them after a trap). */
function panicNotices(page) {
  return page.evaluate(async () => [...(await import('/css-snapshot-form.js')).panic_notices().values()]);
}

async function title(page) {
  return (await page.locator('.csf-title').textContent()).trim();
}

test('?lang=zh-CN in an English browser: the page in Chinese, lang set on the form and the page', () =>
  withPage(en, 'query zh-CN', async (page) => {
    assert.equal(await title(page), '创建快照');
    assert.deepEqual(await langs(page), ['zh-CN', 'zh-CN']);
    assert.equal(await page.title(), '创建云搜索服务快照');
    assert.equal((await page.locator('button[type=submit]').textContent()).trim(), '创建快照');
    assert.match(await page.locator('label[for$="-name"]').textContent(), /^快照名称（必填）$/);
    assert.match(await page.locator('.csf-target').textContent(), /^将发送：POST \/v1\.0\//);
    // A rule message names the character and its position.
    await fill(page, { name: 'snaCshot' });
    assert.match(await fieldError(page, 'name'), /第 4 个字符：不允许大写字母 'C'/);
    // Help texts come from the spec's limits.
    assert.match(await page.locator('[data-field="name"] .csf-help').textContent(), /4 到 64 个字符/);
  }, { ...IDS, lang: 'zh-CN' }));

test('a Chinese browser with no option gets Chinese; ?lang=en wins over it', async () => {
  await withPage(zh, 'browser zh', async (page) => {
    assert.deepEqual(await page.evaluate(() => navigator.languages), ['zh-CN']);
    assert.equal(await title(page), '创建快照');
    assert.deepEqual(await langs(page), ['zh-CN', 'zh-CN']);
  }, IDS);
  await withPage(zh, 'browser zh, query en', async (page) => {
    assert.equal(await title(page), 'Create snapshot');
    assert.deepEqual(await langs(page), ['en', 'en']);
  }, { ...IDS, lang: 'en' });
  // A language the page lacks falls through to the browser's.
  await withPage(zh, 'browser zh, query fr', async (page) => {
    assert.equal(await title(page), '创建快照');
  }, { ...IDS, lang: 'fr' });
});

test('an English browser with no option gets English', () =>
  withPage(en, 'browser en', async (page) => {
    assert.equal(await title(page), 'Create snapshot');
    assert.deepEqual(await langs(page), ['en', 'en']);
  }, IDS));

test('the language switch changes every word and keeps what was typed', () =>
  withPage(en, 'switch', async (page) => {
    const typed = { name: 'snaCshot', description: '中文描述 & notes', indices: 'logs-*', x_auth_token: TOKEN };
    await fill(page, typed);
    assert.match(await fieldError(page, 'name'), /Position 4: uppercase 'C'/);
    const switcher = page.getByRole('group', { name: 'Language' });
    await switcher.getByRole('button', { name: '中文' }).click();
    await page.locator('.csf[lang="zh-CN"]').waitFor();
    assert.equal(await title(page), '创建快照');
    assert.match(await fieldError(page, 'name'), /第 4 个字符：不允许大写字母 'C'/);
    assert.deepEqual(await formValues(page), { ...IDS, ...typed });
    assert.equal(await page.getByRole('group', { name: '语言' }).getByRole('button', { name: '中文' })
      .getAttribute('aria-pressed'), 'true');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.title(), '创建云搜索服务快照');
    assert.deepEqual(await panicNotices(page), ['表单因内部错误已停止运行。您输入的内容仍显示在页面上：请先复制保存，再重新加载页面。']);

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.csf[lang="en"]').waitFor();
    assert.equal(await title(page), 'Create snapshot');
    assert.equal(await page.title(), 'Create a CSS snapshot');
    assert.deepEqual(await formValues(page), { ...IDS, ...typed });
    assert.match((await panicNotices(page))[0], /^The form stopped because of an internal error\./);
  }, IDS));

/** The date `raw` stands for, as the page's own Intl formats it for zh-CN in the browser's zone. */
function expectedDate(page, raw) {
  return page.evaluate((r) => {
    const ms = /^\d+$/.test(r) ? Number(r) : Date.parse(`${r}Z`);
    return new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'long' }).format(new Date(ms));
  }, raw);
}

test('a 201 in Chinese: headings, meanings, value meanings, dates in the reader\'s zone', () =>
  withPage(zh, 'created zh', async (page) => {
    await holdListCalls(page);
    await fill(page, { name: 'snapshot_zh', indices: 'myindex1,log*', x_auth_token: TOKEN });
    assert.equal((await page.locator('.csf-summary').textContent()).trim(), '将备份索引 myindex1、名称以 log 开头的索引。');
    await page.locator('button[type=submit]').click();
    await page.getByRole('heading', { name: '快照已创建' }).waitFor();
    // Field names stay as the API spells them; meanings and value meanings are Chinese.
    assert.equal(await cell(page, 'name'), 'snapshot_zh');
    assert.equal(await cell(page, 'status'), 'BUILDING（创建中）');
    assert.equal(await cell(page, 'backupType'), '1（手动创建）');
    assert.equal(await cell(page, 'restoreStatus'), 'none（未恢复）');
    assert.deepEqual(await valueOf(page, 'endTime'), { shown: '尚未结束', raw: '0' });
    const meaning = (name) => page
      .locator(`xpath=//th[normalize-space(.)="${name}"]/following-sibling::td[2]`).first().textContent();
    assert.equal(await meaning('status'), '快照状态。');
    assert.equal(await meaning('bucketName'), '保存快照数据的 OBS 桶名。');
    const headers = await page.locator('.csf-result > table > thead th').allTextContents();
    assert.deepEqual(headers, ['字段', '值', '含义']);

    // Times: the reader's zone (Asia/Shanghai, UTC+8) and locale, the zone named, the value as sent beside.
    for (const name of ['created', 'startTime']) {
      const { shown, raw } = await valueOf(page, name);
      assert.equal(shown, await expectedDate(page, raw), `${name} ${raw}`);
      assert.match(shown, /^\d{4}年\d{1,2}月\d{1,2}日 .*(GMT\+8|中国标准时间)/, `${name}: ${shown}`);
    }
    const file = await screenshot(page, 'result-zh.png');
    if (process.env.UPDATE_SCREENSHOT === '1') {
      fs.copyFileSync(file, path.join(ROOT, 'docs', 'screenshot-zh.png'));
      console.log('updated docs/screenshot-zh.png');
    }
  }, IDS));

test('a 403 in Chinese: the status, its meaning, the advice, the service\'s code explained', () =>
  withPage(zh, '403 zh', async (page) => {
    await fill(page, { name: 'snapshot_403', x_auth_token: 'wrong-token' });
    await page.locator('button[type=submit]').click();
    const text = await alertText(page);
    assert.match(text, /403 Forbidden：快照未创建/);
    assert.match(text, /请求被拒绝访问。/);
    assert.match(text, /建议直接修改该请求，不要重试该请求/);
    assert.match(text, /服务返回/);
    assert.match(text, /APIG\.0301/);
    assert.match(text, /（IAM 认证信息错误。）/);
    assert.match(text, /您输入的内容都还保留在表单中。/);
    assert.equal(await field(page, 'name').inputValue(), 'snapshot_403');
  }, IDS));

test('a network failure in Chinese says what to check', () =>
  withPage(zh, 'network zh', async (page) => {
    await page.route(/\/index_snapshot$/, (route) => route.abort('connectionrefused'));
    await fill(page, { name: 'snapshot_net', x_auth_token: TOKEN });
    await page.locator('button[type=submit]').click();
    const text = await alertText(page);
    assert.match(text, /^无法连接到服务/);
    assert.match(text, /没有收到任何响应。/);
    assert.match(text, /API 地址前缀/);
    assert.match(text, /浏览器报告：/);
  }, IDS));

/** Fails, naming the widest elements, if the document is wider than the viewport. */
async function assertNoSideScroll(page, width, when) {
  const { scrollWidth, wide } = await page.evaluate((w) => ({
    scrollWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 0.5)
      .slice(0, 3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent || '').trim().slice(0, 40)}`),
  }), width);
  assert.ok(scrollWidth <= width, `${when}: scrollWidth ${scrollWidth} > ${width}\n  ${wide.join('\n  ')}`);
}

/** Every button's text fits inside it (nothing clipped). */
async function assertButtonsFit(page, when) {
  const clipped = await page.evaluate(() => [...document.querySelectorAll('button')]
    .filter((b) => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > innerWidth + 0.5)
    .map((b) => b.textContent.trim()));
  assert.deepEqual(clipped, [], `${when}: clipped buttons`);
}

test('at 360 px the Chinese page never scrolls sideways and no button is clipped', () =>
  withPage(zh, 'layout zh 360', async (page) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await holdListCalls(page);
    assert.equal(await title(page), '创建快照');
    await assertNoSideScroll(page, 360, 'empty form');
    await assertButtonsFit(page, 'empty form');

    await fill(page, { name: 'snapsCot', description: '<描述>'.repeat(40), indices: 'Bad Index,,x' });
    await page.locator('button[type=submit]').click();
    await fieldError(page, 'name');
    await assertNoSideScroll(page, 360, 'with errors');
    await assertButtonsFit(page, 'with errors');
    await screenshot(page, 'errors-zh-360.png');

    await fill(page, {
      name: 'a_rather_long_snapshot_name_to_stress_narrow_layouts_0123456789',
      description: '很长的描述'.repeat(30),
      indices: 'orders_2024_06,customers_2024_06,payments_2024_06,shipments_2024_06',
      x_auth_token: TOKEN,
    });
    await page.locator('button[type=submit]').click();
    await page.getByRole('heading', { name: '快照已创建' }).waitFor();
    await page.getByRole('button', { name: '显示集群的快照' }).click();
    await assertNoSideScroll(page, 360, 'with result');
    await assertButtonsFit(page, 'with result');
    await screenshot(page, 'result-zh-360.png');
  }, IDS));

// ---- a portal page in Chinese around the element ------------------------------------------

const PORTAL_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Portal in Chinese</title>
  <script type="module" src="lang.mjs"></script>
  <script type="module" src="../boot.js"></script>
</head>
<body>
  <div lang="zh-CN">
    <css-snapshot-form id="zh-plain" project-id="${PROJECT_ID}" cluster-id="${CLUSTER_ID}"></css-snapshot-form>
    <css-snapshot-form id="zh-asks-en" lang="en"></css-snapshot-form>
    <shadow-card id="card"></shadow-card>
    <div id="mounted"></div>
  </div>
  <css-snapshot-form id="page-en"></css-snapshot-form>
</body>
</html>
`;

// A portal component with a form inside its own shadow root, and a mount()ed form: both take
// the language of the portal's <div lang> around them.
const PORTAL_SCRIPT = `
customElements.define('shadow-card', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<section><css-snapshot-form id="in-shadow"></css-snapshot-form></section>';
  }
});
customElements.whenDefined('css-snapshot-form').then(async () => {
  // By the glue's file name, as hosts did before boot.js exported the API (the release build's
  // css-snapshot-form.js re-exports boot.js): the instance boot.js initialised.
  const { mount } = await import('../css-snapshot-form.js');
  const host = document.getElementById('mounted');
  const root = host.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  root.append(box);
  window.__mounted = mount(box, { projectId: '${PROJECT_ID}' });
});
`;

test('a portal <div lang="zh-CN"> around the element, its shadow roots and mount()', async () => {
  const site = stageSite();
  fs.mkdirSync(path.join(site.dir, 'lang-portal'));
  fs.writeFileSync(path.join(site.dir, 'lang-portal', 'index.html'), PORTAL_PAGE);
  fs.writeFileSync(path.join(site.dir, 'lang-portal', 'lang.mjs'), PORTAL_SCRIPT);
  const emulator = await startEmulator(site.dir);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
    await page.goto(`${emulator.url}/lang-portal/`);
    for (const id of ['zh-plain', 'zh-asks-en', 'card', 'mounted', 'page-en']) await submitOf(page, id).waitFor();
    const formLang = (id) => page.locator(`#${id}`).locator('.csf').getAttribute('lang');
    assert.equal(await formLang('zh-plain'), 'zh-CN', 'the portal\'s language');
    assert.equal(await formLang('card'), 'zh-CN', 'through the portal component\'s shadow root');
    assert.equal(await formLang('mounted'), 'zh-CN', 'mount() into a shadow root under the portal\'s div');
    assert.equal(await formLang('zh-asks-en'), 'en', 'the element\'s own lang option wins');
    assert.equal(await formLang('page-en'), 'en', 'outside the div: the page\'s <html lang="en">');
    assert.equal((await submitOf(page, 'zh-plain').textContent()).trim(), '创建快照');
    assert.equal((await submitOf(page, 'zh-asks-en').textContent()).trim(), 'Create snapshot');
    // Embedded forms have no language switch of their own: the portal chooses.
    assert.equal(await page.locator('#zh-plain').locator('.csf-lang').count(), 0);

    // Changing the option later takes effect; removing it falls back to the portal's language.
    await page.locator('#zh-asks-en').evaluate((el) => el.setAttribute('lang', 'zh'));
    await page.locator('#zh-asks-en').locator('.csf[lang="zh-CN"]').waitFor();
    await formField(page, 'zh-asks-en', 'name').fill('Bad');
    // Back to English first, so that the fall-back below is a change the page has to make.
    await page.locator('#zh-asks-en').evaluate((el) => el.setAttribute('lang', 'en'));
    await page.locator('#zh-asks-en').locator('.csf[lang="en"]').waitFor();
    await page.locator('#zh-asks-en').evaluate((el) => el.removeAttribute('lang'));
    await page.locator('#zh-asks-en').locator('.csf[lang="zh-CN"]').waitFor();
    assert.equal(await formField(page, 'zh-asks-en', 'name').inputValue(), 'Bad');
  } finally {
    await browser.close();
    await emulator.stop();
    site.remove();
  }
});
