/**
 * The roster moves with the arrow keys (issue 14): one tab stop, Up/Down/Home/End move the active agent, Enter or
 * Space opens it, and the focus stays on the list while its virtual rows come and go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startConsole } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';

/** The name of the option the listbox points at (its label starts with the agent's name). */
async function activeName(page: Page): Promise<string> {
  const list = page.getByRole('listbox', { name: 'Agents' });
  const id = await list.getAttribute('aria-activedescendant');
  assert.ok(id, 'the list points at an active option');
  const label = await page.locator(`[id="${id}"]`).getAttribute('aria-label');
  return (label ?? '').split(',')[0]!;
}

test('the roster: arrow keys move, Enter and Space open, one tab stop', async (t) => {
  const browser = await launchChromium();
  const app = await startConsole(tempDir());
  t.after(() => app.stop());
  const page = await browser.newPage();
  await page.goto(app.host.url);
  const list = page.getByRole('listbox', { name: 'Agents' });
  const options = list.getByRole('option');
  // The demo's agents connect one by one: read the roster once it shows every one the core knows.
  let known = 0;
  for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((r) => setImmediate(r))) {
    const agents = await app.core.api.agents.list({});
    if (agents.ok && agents.value.length >= 9 && agents.value.every((a) => a.linkState === 'online')) {
      known = agents.value.length;
      break;
    }
  }
  await page.getByTestId('roster-count').filter({ hasText: `${known}/${known}` }).waitFor();
  // The rows on screen (the list is virtual), in order.
  const names = (await options.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''))).map((l) => l.split(',')[0]!);
  assert.ok(names.length >= 5, `the demo's agents are listed: ${names.join(' | ')}`);
  assert.equal(await options.and(page.locator('[tabindex]')).count(), 0, 'rows are no tab stops of their own');

  await list.focus();
  await page.keyboard.press('Home');
  assert.equal(await activeName(page), names[0]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await activeName(page), names[0], 'Up at the top stays there');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeName(page), names[2]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await activeName(page), names[1]);
  await page.keyboard.press('Enter');
  await page.getByRole('log', { name: `Messages with ${names[1]}` }).waitFor();
  assert.equal(await list.getByRole('option', { name: new RegExp(`^${names[1]},`), selected: true }).count(), 1);
  assert.equal(await page.evaluate('document.activeElement.getAttribute("role")'), 'listbox', 'the focus stays on the list');

  // Only the rows on screen are in the DOM: End scrolls the last agent into it.
  await page.keyboard.press('End');
  const last = await activeName(page);
  const rendered = async () => (await options.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''))).map((l) => l.split(',')[0]!);
  assert.equal((await rendered()).at(-1), last, 'End moves to the last agent');
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeName(page), last, 'Down at the bottom stays there');
  await page.keyboard.press(' ');
  await page.getByRole('log', { name: `Messages with ${last}` }).waitFor();
  await page.keyboard.press('Home');
  assert.equal(await activeName(page), names[0], 'Home is the first agent again');

  // The active row is drawn as focused: the ring is on it, visible from the keyboard.
  const active = page.locator(`[id="${await list.getAttribute('aria-activedescendant')}"]`);
  type Styles = { getComputedStyle(el: unknown): { outlineStyle: string } };
  const outline = await active.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).outlineStyle);
  assert.equal(outline, 'solid');
  await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/roster-keys.png` });
});
