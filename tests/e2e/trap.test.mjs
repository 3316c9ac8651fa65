// A panic in the shipped build (immediate-abort panics: a wasm trap, no Rust code after it) still
// ends in the page's panic notice, shown by boot.js in every form (inside shadow roots too),
// with what was typed still in the fields.
//
// The trap is made inside a real event handler of the form: while the page's input handler reads
// the field's value (a JS getter the wasm calls), the getter calls the module's allocator with an
// alignment no allocation can have, which aborts the module as a panic does here (`unreachable`).
// The trap unwinds the handler half-way, as a panic would.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { ROOT, fill, formValues, useHarness } from './harness.mjs';

const h = useHarness(test);
const DIST = process.env.E2E_DIST || path.join(ROOT, 'dist');
/** The module's allocator export, as the glue passes it to its string helper with the
 * reallocator after it (its name varies: the release build shortens the module's export names,
 * and bundles the minified glue into boot.js, so neither the helper's nor the export's name is kept). */
const MALLOC = fs.readFileSync(path.join(DIST, 'boot.js'), 'utf8')
  .match(/\(\w+, ?\w+\.([\w$]+), ?\w+\.[\w$]+\)/)[1];
const NOTICE = /^The form stopped because of an internal error\. What you typed is still shown/;

/** Before any page script: keeps the module's exports and arms a trap for the next value read. */
function armable(malloc) {
  for (const fn of ['instantiateStreaming', 'instantiate']) {
    const orig = WebAssembly[fn];
    WebAssembly[fn] = function (...args) {
      return orig.apply(this, args).then((r) => {
        window.__exports ??= (r.instance || r).exports;
        return r;
      });
    };
  }
  const value = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  Object.defineProperty(HTMLInputElement.prototype, 'value', {
    ...value,
    get() {
      if (window.__trapNext) {
        window.__trapNext = false;
        window.__exports[malloc](8, 3); // traps: wasm-bindgen aborts on a bad layout
      }
      return value.get.call(this);
    },
  });
}

async function openArmed(url) {
  const page = await h.browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  await page.addInitScript(armable, MALLOC);
  await page.goto(url);
  await page.locator('button[type=submit]').first().waitFor();
  return { page, errors };
}

/** Makes the next keystroke's handler trap, types one, and waits for the notice. */
async function trapOnKey(page, input) {
  await input.press('End');
  await page.evaluate(() => { window.__trapNext = true; });
  await input.press('x');
  await page.locator('.csf-panic').first().waitFor();
}

test('a trap while typing shows the panic notice once, and every typed value stays', async () => {
  const { page, errors } = await openArmed(new URL(`/?project_id=p0123&cluster_id=c0123`, h.emulator.url).href);
  try {
    const typed = { name: 'trap_check', description: 'kept after the trap', indices: 'logs-*', x_auth_token: 'tok-123' };
    await fill(page, typed);
    await trapOnKey(page, page.locator('[name=name]'));

    assert.ok(errors.some((e) => e.startsWith('RuntimeError')), `a wasm trap reached the page: ${errors}`);
    const notice = page.locator('.csf-panic');
    assert.equal(await notice.count(), 1);
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.match((await notice.textContent()).trim(), NOTICE);
    // In the form's root, before the form.
    assert.ok(await notice.evaluate((n) => n.parentElement.matches('[data-css-snapshot-form]')
      && n.parentElement.firstElementChild === n));
    const after = await formValues(page);
    assert.deepEqual(after, { project_id: 'p0123', cluster_id: 'c0123', ...typed, name: 'trap_checkx' });

    // The module is dead: more typing (with the trap armed again) adds no second notice.
    await page.evaluate(() => { window.__trapNext = true; });
    await page.locator('[name=description]').press('y');
    await page.locator('[name=name]').press('z');
    await page.waitForTimeout(200);
    assert.equal(await page.locator('.csf-panic').count(), 1);
  } finally {
    await page.close();
  }
});

test('in the portal, the notice appears in every form, in shadow roots and mount()ed containers', async () => {
  const { page, errors } = await openArmed(new URL('/portal/', h.emulator.url).href);
  try {
    const forms = ['form-a', 'form-b', 'form-c'];
    for (const id of forms) await page.locator(`#${id} button[type=submit]`).waitFor();
    await page.locator('#form-b [name=name]').fill('typed_in_b');
    await trapOnKey(page, page.locator('#form-b [name=name]'));
    assert.ok(errors.some((e) => e.startsWith('RuntimeError')), `${errors}`);
    for (const id of forms) {
      const notice = page.locator(`#${id} .csf-panic`); // pierces the open shadow roots
      await notice.waitFor();
      assert.equal(await notice.count(), 1, id);
      assert.match((await notice.textContent()).trim(), NOTICE, id);
      assert.ok(await notice.evaluate((n) => n.getRootNode() instanceof ShadowRoot), `${id}: inside its shadow root`);
    }
    assert.equal(await page.locator('#form-b [name=name]').inputValue(), 'typed_in_bx');
  } finally {
    await page.close();
  }
});
