import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startDemoFleet } from '../../src/agent-kit/demo/demo-fleet';
import { type BrowserHost, startBrowserHost } from '../../src/main/browser-host/browser-host';
import { type Core, createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';

/**
 * An operator's day, in Chromium, through roles and names only: the demo's story from home, a decision approved with a
 * comment, ten alerts triaged (five by mouse, five by keyboard), a 200-message burst, a room mention, a search, an
 * export downloaded, and the app restarted under the open tab. The demo fleet tells the story; an "Ops Bot" on
 * loopback raises the alerts and the burst the demo does not have.
 */

interface ScrollBox {
  scrollHeight: number;
  scrollTop: number;
  clientHeight: number;
}
type PageGlobals = { document: { querySelector(s: string): ScrollBox | null } };
// Reads the open conversation's scroll box (a role lookup in the page: this file's types have no DOM).
const distanceFromBottom = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as unknown as PageGlobals).document.querySelector('[role="log"]')!;
    return el.scrollHeight - el.scrollTop - el.clientHeight;
  });
const waitUntilAtBottom = (page: Page) =>
  page.waitForFunction(() => {
    const el = (globalThis as unknown as PageGlobals).document.querySelector('[role="log"]');
    return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight < 4;
  });
const waitUntilFarFromBottom = (page: Page, px: number) =>
  page.waitForFunction((limit) => {
    const el = (globalThis as unknown as PageGlobals).document.querySelector('[role="log"]');
    return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight > limit;
  }, px);

let seq = 0;
function burst(bot: RawAgent, n: number, label: string) {
  for (let i = 1; i <= n; i++) {
    seq++;
    bot.send({
      type: 'message',
      id: `${label}-${i}`,
      seq,
      conversation_id: 'direct:ops-bot',
      from: 'ops-bot',
      to: 'operator',
      intent: 'chat',
      text: `${label} ${i}: ${'queue depth nominal '.repeat(1 + (i % 5) * 4)}`,
      priority: 'normal',
      timestamp: new Date().toISOString(),
    });
  }
}

async function startApp(dataDir: string, urls: string[], port = 0, token?: string): Promise<{ core: Core; host: BrowserHost }> {
  const core = createCore({ dataDir, endpoints: urls.map((url) => ({ url })), logger: silentLogger, alerts: { flapHoldMs: 0 } });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, exportsDir: path.join(dataDir, 'exports'), port, ...(token ? { token } : {}) });
  return { core, host };
}

test('an operator day: story from home, approve with a comment, triage ten alerts, a chat burst, a room mention, search and export, a restart', async (t) => {
  const fleet = await startDemoFleet({ activity: 'story', a2a: false, streamDelayMs: 0 });
  t.after(() => fleet.close());
  const bot = await RawAgent.start([card('ops-bot', { name: 'Ops Bot', department: 'Operations' })]);
  t.after(() => bot.close());
  const dataDir = tempDir();
  const urls = [...fleet.urls, bot.url];
  let app = await startApp(dataDir, urls);
  t.after(async () => {
    await app.host.close();
    await app.core.close();
  });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const started = Date.now();
  await page.goto(app.host.url);

  // ---- The story, from home, within 20 s: the CMO's decision with its time left, the CSO's and the SEO's alerts.
  const waiting = page.getByRole('region', { name: 'Decisions waiting' });
  const firing = page.getByRole('region', { name: 'Firing alerts' });
  const poll = waiting.getByRole('button', { name: /Launch a live poll to re-engage webinar viewers, from CMO Twin, \d+ min left/ });
  await poll.waitFor({ timeout: 20_000 });
  await firing.getByRole('button', { name: /^warning: Pipeline coverage below 2x, from CSO Twin/ }).waitFor({ timeout: 20_000 });
  await firing.getByRole('button', { name: /^info: 3 pages dropped out of the top 10, from SEO Agent/ }).waitFor({ timeout: 20_000 });
  const storyMs = Date.now() - started;
  assert.ok(storyMs < 20_000, `the story is on home after ${storyMs} ms`);
  t.diagnostic(`story visible on home after ${storyMs} ms`);

  // ---- Approve the waiting decision with a comment, opened from home.
  await poll.click();
  const decision = page.getByRole('article', { name: 'Decision: Launch a live poll to re-engage webinar viewers' });
  await decision.getByRole('textbox', { name: 'Comment' }).fill('Go, keep it to two questions');
  // The answer is held for Undo: undo it once, and the decision waits again with its comment, nothing sent.
  await decision.getByRole('button', { name: 'Approve' }).click();
  const toast = page.getByRole('status', { name: 'Notifications' });
  await toast.getByText('Approved “Launch a live poll to re-engage webinar viewers”').waitFor();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await decision.getByRole('button', { name: 'Approve' }).waitFor();
  assert.equal(await decision.getByRole('textbox', { name: 'Comment' }).inputValue(), 'Go, keep it to two questions');
  const undone = await app.core.api.decisions.list({ agentId: 'cmo-twin' });
  assert.ok(undone.ok && undone.value.some((d) => d.state === 'pending' && d.summary.startsWith('Launch a live poll')), 'still waiting after Undo');
  // Approve again and let the Undo time pass: then it is decided.
  await decision.getByRole('button', { name: 'Approve' }).click();
  await decision.getByText('Approved by you: “Go, keep it to two questions”').waitFor({ timeout: 20_000 });
  const decided = await app.core.api.decisions.list({ agentId: 'cmo-twin' });
  assert.ok(decided.ok && decided.value.some((d) => d.state === 'approved' && d.comment === 'Go, keep it to two questions'));

  // ---- Ten alerts from the Ops Bot: five acknowledged with the mouse, five with the keyboard.
  await page.getByRole('button', { name: /^Alerts/ }).click();
  await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Ops Bot' });
  const list = page.getByRole('list', { name: 'Alert list' });
  for (let i = 1; i <= 10; i++) {
    // One at a time, so each has its own timestamp and the order is the arrival order.
    bot.send({ type: 'alert', id: `ops-${i}`, severity: 'warning', title: `Queue ${i} is backing up`, dedupe_key: `queue-${i}`, state: 'firing' });
    await list.getByRole('listitem').filter({ hasText: `Queue ${i} is backing up` }).waitFor();
  }
  const rowOf = (i: number) => list.getByRole('button', { name: new RegExp(`^warning Queue ${i} is backing up Ops Bot · (firing|acknowledged)`) });
  for (let i = 1; i <= 5; i++) {
    await page.getByRole('button', { name: `Acknowledge Queue ${i} is backing up`, exact: true }).click();
    await list.getByRole('button', { name: new RegExp(`^warning Queue ${i} is backing up Ops Bot · acknowledged`) }).waitFor();
  }
  assert.ok(await rowOf(6).isVisible());
  // The keyboard: k to the top (firing alerts sort first), then a acknowledges the selected one and moves on to the
  // next, five times.
  for (let i = 0; i < 10; i++) await page.keyboard.press('k');
  const selectedFiring = list.getByRole('button', { pressed: true, name: /Queue \d+ is backing up Ops Bot · firing/ });
  let byKeyboard = 0;
  for (let i = 0; i < 5; i++) {
    const title = /Queue \d+ is backing up/.exec((await selectedFiring.textContent()) ?? '')![0];
    await page.keyboard.press('a');
    await list.getByRole('button', { name: new RegExp(`${title} Ops Bot · acknowledged`) }).waitFor();
    byKeyboard++;
  }
  assert.equal(byKeyboard, 5, 'five acknowledged from the keyboard');
  // Each action reaches the core when its Undo time is up: wait for the core to have all ten.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the core did not get all ten acknowledgements')), 20_000);
    const check = async () => {
      const alerts = await app.core.api.alerts.list({ agentId: 'ops-bot' });
      if (alerts.ok && alerts.value.filter((a) => a.state === 'acknowledged').length === 10) {
        clearTimeout(timer);
        off();
        resolve();
      }
    };
    const off = app.core.on('alert:changed', () => void check());
    void check();
  });

  // ---- A burst of 200 in the Ops Bot's conversation: the view stays at the bottom.
  await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /^Ops Bot/ }).click();
  const log = page.getByRole('log', { name: 'Messages with Ops Bot' });
  await log.waitFor();
  burst(bot, 200, 'tick');
  await log.getByText('tick 200:').waitFor();
  await waitUntilAtBottom(page);
  // Scrolled up, more arrive: the pill says how many; sending brings the operator's own message into view.
  await log.hover();
  await page.mouse.wheel(0, -3000);
  await waitUntilFarFromBottom(page, 1000);
  burst(bot, 3, 'late');
  await page.getByRole('button', { name: '3 new messages ↓' }).waitFor();
  assert.ok((await distanceFromBottom(page)) > 1000, 'the reading position is kept');
  await page.getByRole('textbox', { name: 'Message Ops Bot' }).fill('Thanks, watching the queues');
  await page.keyboard.press('Enter');
  const mine = log.getByText('Thanks, watching the queues');
  await mine.waitFor();
  await waitUntilAtBottom(page);
  assert.ok(await mine.isVisible(), 'my message is on screen');

  // ---- A room, with an @-mention picked from the suggestions.
  await page.getByRole('button', { name: 'Rooms', exact: true }).click();
  await page.getByRole('textbox', { name: 'Room name' }).fill('Launch');
  await page.getByRole('checkbox', { name: /CMO Twin/ }).check();
  await page.getByRole('checkbox', { name: /Ops Bot/ }).check();
  await page.getByRole('button', { name: 'Create room' }).click();
  const box = page.getByRole('combobox', { name: 'Message room Launch' });
  await box.pressSequentially('@cm');
  await page.getByRole('listbox', { name: 'Mention suggestions' }).getByRole('option', { name: /CMO Twin/ }).click();
  assert.equal(await box.inputValue(), '@CMOTwin ');
  await box.pressSequentially('is the poll live?');
  await page.keyboard.press('Enter');
  // Posted to the mentioned member only, with the mention highlighted as its own piece of text.
  await page.getByText('to CMO Twin', { exact: true }).waitFor();
  await page.getByText('@CMOTwin', { exact: true }).first().waitFor();
  assert.equal(await box.inputValue(), '', 'Enter posted');

  // ---- Search, open a hit, export and download.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('watching the queues');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '1 result, newest first' }).waitFor();
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  await page.getByRole('log', { name: /Messages with Ops Bot/ }).getByText('Thanks, watching the queues').waitFor();
  await page.getByRole('tab', { name: 'Export' }).click();
  await page.getByRole('combobox', { name: 'Export format' }).selectOption('json');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const link = page.getByRole('link', { name: /^Download / });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { text: string | null }[];
  assert.ok(exported.some((m) => m.text === 'Thanks, watching the queues'), 'the download holds the conversation');

  // ---- Stop and restart the app on the same data dir: the tab reconnects by itself, and nothing settled comes back.
  const port = Number(new URL(app.host.origin).port);
  const token = app.host.token;
  await app.host.close();
  await app.core.close();
  const banner = page.getByRole('alert').filter({ hasText: /reconnecting/ });
  await banner.waitFor();
  app = await startApp(dataDir, urls, port, token);
  await banner.waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByRole('button', { name: 'Home', exact: true }).click();
  await page.getByRole('region', { name: 'Agents offline or degraded' }).waitFor();
  await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /^CMO Twin,.*online/ }).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByRole('region', { name: 'Decisions waiting' }).getByRole('button', { name: /Launch a live poll/ }).count(), 0, 'the approved decision is not proposed again');
  assert.deepEqual(pageErrors, []);
});
