import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';

let seq = 0;
/** `n` agent messages of varied length (so rows measure differently from the estimate) in one go. */
function burst(agent: RawAgent, n: number, label: string) {
  for (let i = 1; i <= n; i++) {
    seq++;
    agent.send({
      type: 'message',
      id: `${label}-${i}`,
      seq,
      conversation_id: 'direct:cso-twin',
      from: 'cso-twin',
      to: 'operator',
      intent: 'chat',
      text: `${label} ${i}: ${'pipeline update '.repeat(1 + (i % 7) * 6)}`,
      priority: 'normal',
      timestamp: new Date().toISOString(),
    });
  }
}

/** The message log's scroll box, read in the page (this file's types have no DOM). */
interface ScrollBox {
  scrollHeight: number;
  scrollTop: number;
  clientHeight: number;
}
/** Pixels between the bottom of the message log's content and the bottom of its viewport. */
const distanceFromBottom = (page: Page) => page.evaluate(() => {
  const el = (globalThis as unknown as { document: { querySelector(s: string): ScrollBox } }).document.querySelector('[role="log"]');
  return el.scrollHeight - el.scrollTop - el.clientHeight;
});
const farFrom = (page: Page, px: number) =>
  page.waitForFunction((limit) => {
    const el = (globalThis as unknown as { document: { querySelector(s: string): ScrollBox } }).document.querySelector('[role="log"]');
    return el.scrollHeight - el.scrollTop - el.clientHeight > limit;
  }, px);
const atBottom = (page: Page) =>
  page.waitForFunction(() => {
    const el = (globalThis as unknown as { document: { querySelector(s: string): ScrollBox } }).document.querySelector('[role="log"]');
    return el.scrollHeight - el.scrollTop - el.clientHeight < 4;
  });

/** Whether a message whose text starts with `prefix` intersects the message log's viewport. */
const onScreen = (page: Page, prefix: string) => page.evaluate((start) => {
  interface Box { top: number; bottom: number }
  interface Node { textContent: string | null; getBoundingClientRect(): Box }
  const doc = (globalThis as unknown as { document: { querySelector(s: string): Node; querySelectorAll(s: string): Node[] } }).document;
  const view = doc.querySelector('[role="log"]').getBoundingClientRect();
  return [...doc.querySelectorAll('[role="log"] [data-message-id]')].some((row) => {
    if (!row.textContent?.includes(start)) return false;
    const box = row.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  });
}, prefix);

test('a live chat keeps the bottom through a burst, shows "N new messages" when scrolled up, and scrolls to a sent message', async (t) => {
  const agent = await RawAgent.start([card('cso-twin', { name: 'CSO Twin', department: 'Sales' })]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  await page.goto(host.url);
  await page.locator('[data-agent-id="cso-twin"][data-link-state="online"]').waitFor();
  // The app opens on home: open the conversation from the roster.
  await page.locator('[data-agent-id="cso-twin"]').click();
  const log = page.getByRole('log', { name: 'Messages with CSO Twin' });

  burst(agent, 200, 'first');
  await log.getByText('first 200:').waitFor();
  // Rows are measured after they render; the view must still end at the newest one.
  await atBottom(page);
  assert.ok((await distanceFromBottom(page)) < 4, 'at the bottom after the burst');

  // Scroll up like an operator does (wheel), then more arrive: the view stays put and offers a pill.
  await log.hover();
  await page.mouse.wheel(0, -3000);
  await farFrom(page, 1000);
  const scrollTop = () => page.evaluate(() => (globalThis as unknown as { document: { querySelector(s: string): ScrollBox } }).document.querySelector('[role="log"]').scrollTop);
  const before = await scrollTop();
  burst(agent, 5, 'second');
  const pill = page.getByRole('button', { name: '5 new messages ↓' });
  await pill.waitFor();
  assert.equal(await scrollTop(), before, 'reading position kept');

  // Sending while scrolled up brings the operator's own message into view.
  await page.getByRole('textbox', { name: 'Message CSO Twin' }).fill('Thanks, noted');
  await page.keyboard.press('Enter');
  const mine = log.locator('.message.outgoing', { hasText: 'Thanks, noted' });
  await mine.waitFor();
  await atBottom(page);
  assert.ok(await mine.isVisible());
  await pill.waitFor({ state: 'detached' });

  // Scroll up again; the pill jumps back to the latest and following resumes.
  await page.mouse.wheel(0, -3000);
  await farFrom(page, 1000);
  burst(agent, 1, 'third');
  await page.getByRole('button', { name: '1 new message ↓' }).click();
  await log.getByText('third 1:').waitFor();
  burst(agent, 30, 'fourth');
  await log.getByText('fourth 30:').waitFor();
  await atBottom(page);
});

test('a stream longer than the window: the view keeps the bottom, pages the oldest back in, and returns to the latest', async (t) => {
  const agent = await RawAgent.start([card('cso-twin', { name: 'CSO Twin', department: 'Sales' })]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  await page.goto(host.url);
  await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /^CSO Twin,.*online/ }).click();
  const log = page.getByRole('log', { name: 'Messages with CSO Twin' });

  // Past the window's bound (600): the oldest leave memory as the newest arrive.
  burst(agent, 1500, 'long');
  await log.getByText('long 1500:').waitFor({ timeout: 30_000 });
  await atBottom(page);
  assert.ok((await log.locator('[data-message-id]').count()) < 60, 'only the rows on screen are in the DOM');

  // Scrolling up pages the oldest back in from the log, all the way to the first.
  await log.hover();
  // Wheel until the first is on screen: each page of older messages loads as the top is reached, and on a loaded
  // machine that takes longer than a fixed number of wheel turns. "On screen", not merely in the DOM: the virtualizer
  // renders overscan rows above the viewport, and for one frame after a prepend it renders the rows at the old offset.
  const deadline = Date.now() + 60_000;
  while (!(await onScreen(page, 'long 1:')) && Date.now() < deadline) await page.mouse.wheel(0, -4000);
  assert.ok(await onScreen(page, 'long 1:'), 'the first message is on screen after scrolling to the top');
  const back = page.getByRole('button', { name: 'Back to latest ↓' });
  await back.click();
  await log.getByText('long 1500:').waitFor();
  await atBottom(page);
  burst(agent, 3, 'after');
  await log.getByText('after 3:').waitFor();
  await atBottom(page);
});
