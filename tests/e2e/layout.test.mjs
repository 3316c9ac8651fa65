// A 360 px wide phone: nothing scrolls sideways, neither the form, nor its errors, nor the result.
import assert from 'node:assert/strict';
import test from 'node:test';
import { fieldError, fill, resultHeading, screenshot, useHarness, withPage } from './harness.mjs';

const WIDTH = 360;
const h = useHarness(test, { viewport: { width: WIDTH, height: 740 } });

const scrollWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test('at 360 px the page never scrolls horizontally', () =>
  withPage(h, 'layout 360', async (page) => {
    assert.ok((await scrollWidth(page)) <= WIDTH, `empty form: scrollWidth ${await scrollWidth(page)}`);

    await fill(page, { name: 'snapsCot', description: 'x'.repeat(200), indices: 'Bad Index' });
    await page.locator('button[type=submit]').click();
    await fieldError(page, 'name');
    assert.ok((await scrollWidth(page)) <= WIDTH, `with errors: scrollWidth ${await scrollWidth(page)}`);
    await screenshot(page, 'errors-360.png');

    await fill(page, {
      name: 'a_rather_long_snapshot_name_to_stress_narrow_layouts_0123456789',
      description: 'Long words: ' + 'supercalifragilistic'.repeat(5),
      indices: 'logs-2024-06-*,metrics-2024-06-*,traces-2024-06-*',
      x_auth_token: 'tok',
    });
    await page.locator('button[type=submit]').click();
    await resultHeading(page);
    assert.ok((await scrollWidth(page)) <= WIDTH, `with result: scrollWidth ${await scrollWidth(page)}`);
    await screenshot(page, 'result-360.png');
  }));
