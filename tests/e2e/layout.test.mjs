// A 360 px wide phone: nothing scrolls sideways, neither the form, nor its errors, nor the result.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  fieldError, fill, holdListCalls, resultHeading, screenshot, useHarness, withPage,
} from './harness.mjs';

const WIDTH = 360;
const h = useHarness(test, { viewport: { width: WIDTH, height: 740 } });

/** Fails, naming the widest elements, if the document is wider than the viewport. */
async function assertNoSideScroll(page, when) {
  const { scrollWidth, culprits } = await page.evaluate((width) => {
    // Likely causes: the leaf elements with the longest unbroken line of content.
    const longestLine = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return Math.max(0, ...[...range.getClientRects()].map((r) => r.width));
    };
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.children.length === 0 && el.getBoundingClientRect().right > width + 0.5)
      .map((el) => [longestLine(el), el])
      .sort((a, b) => b[0] - a[0])
      .slice(0, 3)
      .map(([line, el]) => `<${el.tagName.toLowerCase()} class="${el.className}"> has a line ${Math.round(line)}px wide: "${(el.textContent || '').trim().slice(0, 50)}"`);
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  }, WIDTH);
  assert.ok(
    scrollWidth <= WIDTH,
    `${when}: document.documentElement.scrollWidth is ${scrollWidth} > ${WIDTH}\n  ${culprits.join('\n  ')}`,
  );
}

test('at 360 px the page never scrolls horizontally', () =>
  withPage(h, 'layout 360', async (page) => {
    await holdListCalls(page);
    await assertNoSideScroll(page, 'empty form');

    await fill(page, { name: 'snapsCot', description: 'x'.repeat(200), indices: 'Bad Index' });
    await page.locator('button[type=submit]').click();
    await fieldError(page, 'name');
    await assertNoSideScroll(page, 'with errors');
    await screenshot(page, 'errors-360.png');

    await fill(page, {
      name: 'a_rather_long_snapshot_name_to_stress_narrow_layouts_0123456789',
      description: 'Long words: ' + 'supercalifragilistic'.repeat(5),
      // A realistic list: indices allow no spaces, so nothing in it is a line-break opportunity.
      indices: 'orders_2024_06,customers_2024_06,payments_2024_06,shipments_2024_06',
      x_auth_token: 'tok',
    });
    await page.locator('button[type=submit]').click();
    await resultHeading(page);
    await screenshot(page, 'result-360.png');
    await assertNoSideScroll(page, 'with result');
  }));
