// The token and the page's security: a strict CSP (Trusted Types too) with no violation, the
// token only in memory and only on API requests, drafts (never the token) kept across a reload
// and cleared on demand.
import assert from 'node:assert/strict';
import test from 'node:test';
import { field, fill, formValues, resultHeading, useHarness, withPage } from './harness.mjs';

const TOKEN = 'secret-token-e2e-5f3a9c';
const h = useHarness(test, { token: TOKEN });

test.beforeEach(() => h.emulator.reset());

/** Records CSP violations and console output from the page's first script on. */
async function watch(page) {
  const seen = { violations: [], console: [], requests: [] };
  await page.exposeFunction('__cspViolation', (v) => seen.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reported = true;
      window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => seen.console.push(m.text()));
  page.on('request', (r) => seen.requests.push({ url: r.url(), headers: r.headers() }));
  return seen;
}

test('the page runs under its CSP without a single violation, and the CSP is enforced', () =>
  withPage(h, 'csp', async (page) => {
    const seen = await watch(page);
    await page.reload();
    await page.locator('button[type=submit]').waitFor();
    await fill(page, { name: 'csp_check_1', x_auth_token: TOKEN });
    await page.locator('button[type=submit]').click();
    await resultHeading(page);
    assert.deepEqual(seen.violations, []);
    // An inline script is refused: the policy is really in force. Trusted Types refuse its text
    // first; a script from elsewhere through no sink (an import) meets script-src.
    const ran = await page.evaluate(async () => {
      window.__inline = false;
      const s = document.createElement('script');
      try {
        s.textContent = 'window.__inline = true';
        document.body.append(s);
      } catch { /* refused by Trusted Types */ }
      const imported = await import('data:text/javascript,window.__inline=true').then(() => true, () => false);
      return window.__inline || imported;
    });
    assert.equal(ran, false);
    // The report arrives as an event after the refusal.
    await page.waitForFunction(() => window.__reported, null, { polling: 50 }).catch(() => {});
    assert.ok(seen.violations.some((v) => v.startsWith('script-src')), `the refusal was reported: ${seen.violations}`);
  }));

test('Trusted Types are enforced: a string assigned to innerHTML is refused, and the page needs none', () =>
  withPage(h, 'trusted-types', async (page) => {
    const seen = await watch(page);
    await page.reload();
    await page.locator('button[type=submit]').waitFor();
    await fill(page, { name: 'tt_check_1', x_auth_token: TOKEN });
    await page.locator('button[type=submit]').click();
    await resultHeading(page);
    assert.deepEqual(seen.violations, [], 'creating a snapshot and showing its tables uses no sink');
    const refused = await page.evaluate(() => {
      const tries = {
        element: () => { document.createElement('div').innerHTML = '<img src=x>'; },
        form: () => { document.querySelector('.csf').innerHTML = '<b>replaced</b>'; },
        insertAdjacentHTML: () => document.body.insertAdjacentHTML('beforeend', '<b>x</b>'),
        policy: () => trustedTypes.createPolicy('any', { createHTML: (s) => s }),
      };
      const out = {};
      for (const [name, run] of Object.entries(tries)) {
        try { run(); out[name] = 'accepted'; } catch (e) { out[name] = e.name; }
      }
      out.formIntact = document.querySelector('.csf button[type=submit]') !== null;
      return out;
    });
    assert.deepEqual(refused, {
      element: 'TypeError', form: 'TypeError', insertAdjacentHTML: 'TypeError', policy: 'TypeError', formIntact: true,
    });
    await page.waitForFunction(() => window.__reported, null, { polling: 50 }).catch(() => {});
    assert.ok(seen.violations.some((v) => v.startsWith('require-trusted-types-for')), `reported: ${seen.violations}`);
    assert.ok(seen.violations.some((v) => v.startsWith('trusted-types')), `reported: ${seen.violations}`);
  }));

test('the token stays in memory and goes only to the API', () =>
  withPage(h, 'token', async (page) => {
    const seen = await watch(page);
    await fill(page, { name: 'token_check_1', description: 'token test', x_auth_token: TOKEN });
    await page.locator('button[type=submit]').click();
    await resultHeading(page);
    // Let a follow-up list call go out too.
    await page.waitForRequest(/index_snapshots/);

    const stored = await page.evaluate(() => ({
      url: location.href,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookies: document.cookie,
    }));
    for (const [where, text] of Object.entries(stored)) {
      assert.ok(!text.includes(TOKEN), `token found in ${where}`);
    }
    assert.ok(!seen.console.some((line) => line.includes(TOKEN)), 'token in console output');
    const withToken = seen.requests.filter((r) => Object.values(r.headers).some((v) => v.includes(TOKEN)));
    assert.ok(withToken.length >= 2, 'create and list carry the token');
    for (const r of withToken) {
      assert.match(new URL(r.url).pathname, /^\/v1\.0\//, `token sent to ${r.url}`);
      assert.ok(!r.url.includes(TOKEN));
    }
    const requests = await h.emulator.requests();
    assert.ok(requests.every((r) => !JSON.stringify(r).includes(TOKEN)), 'not even the emulator log has it');
  }));

test('a draft survives a reload without the token, and "Clear" removes it', () =>
  withPage(h, 'draft', async (page) => {
    const typed = { name: 'draft_check', description: 'kept across reloads', indices: 'logs-*' };
    await fill(page, { ...typed, x_auth_token: TOKEN });
    await page.reload();
    await page.locator('button[type=submit]').waitFor();
    const after = await formValues(page);
    for (const [k, v] of Object.entries(typed)) assert.equal(after[k], v, k);
    assert.equal(after.x_auth_token, '', 'the token is never restored');

    await page.getByRole('button', { name: 'Clear the form' }).click();
    await page.waitForFunction(() => document.querySelector('[name=name]').value === '');
    await page.reload();
    await page.locator('button[type=submit]').waitFor();
    assert.equal(await field(page, 'name').inputValue(), '');
    assert.equal(await field(page, 'description').inputValue(), '');
    // The ids from the URL query are still there.
    assert.notEqual(await field(page, 'project_id').inputValue(), '');
  }));

test('reply text with a bidi override is isolated in its cell and never markup', () =>
  withPage(h, 'bidi', async (page) => {
    const evil = '\u202Eevil\u202C <img src=x onerror="window.__pwned=1">';
    await page.route(/\/index_snapshot$/, (route) =>
      route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify({ backup: { id: 'b1', name: 'bidi_check', description: evil } }) }));
    await page.route(/\/index_snapshots/, () => new Promise(() => {}));
    await fill(page, { name: 'bidi_check' });
    await page.locator('button[type=submit]').click();
    await resultHeading(page);
    const cellInfo = await page.evaluate(() => {
      const th = [...document.querySelectorAll('th')].find((t) => t.textContent.trim() === 'description');
      const td = th.nextElementSibling;
      return { text: td.textContent, bidi: getComputedStyle(td).unicodeBidi, imgs: document.querySelectorAll('.csf img').length, pwned: window.__pwned };
    });
    assert.ok(cellInfo.text.includes(evil), 'shown as sent');
    assert.equal(cellInfo.bidi, 'isolate');
    assert.equal(cellInfo.imgs, 0);
    assert.equal(cellInfo.pwned, undefined);
  }));
