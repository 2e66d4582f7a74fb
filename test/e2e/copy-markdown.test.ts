/**
 * Copy as Markdown (issue 14): a whole conversation, formatted by the core from the log, or a selection of messages
 * (checkbox, Shift+click range, Esc clears), read back from Chromium's clipboard.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchChromium } from '../support/chromium';
import { startConsole } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';

/** The messages in a Markdown copy: each starts with its bold "who → whom" line. */
const entries = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('**'));

test('copy a conversation, or a selection of it, as Markdown', async (t) => {
  const browser = await launchChromium();
  const app = await startConsole(tempDir());
  t.after(() => app.stop());
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(app.host.url);
  await page.locator('[data-agent-id="cmo-twin"][data-link-state="online"]').waitFor();
  // Three questions and the CMO twin's three answers, sent from the core.
  let answered = 0;
  const allAnswered = new Promise<void>((resolve) =>
    app.core.on('message:changed', (m) => {
      if (m.direction === 'in' && m.conversationId === 'direct:cmo-twin' && m.status === 'received' && ++answered === 3) resolve();
    }),
  );
  for (const text of ['First question', 'Second question', 'Third question']) {
    const sent = await app.core.api.messages.send({ agentId: 'cmo-twin', text });
    assert.ok(sent.ok, JSON.stringify(sent));
  }
  await allAnswered;

  await page.locator('[data-agent-id="cmo-twin"]').click();
  const view = page.getByRole('region', { name: 'Conversation with CMO Twin' });
  const log = view.getByRole('log', { name: 'Messages with CMO Twin' });
  await log.getByText('Third question').waitFor();
  const clipboard = () => page.evaluate('navigator.clipboard.readText()') as Promise<string>;
  const status = view.getByRole('status');

  await view.getByRole('button', { name: 'Copy as Markdown' }).click();
  await status.filter({ hasText: 'Copied 6 messages as Markdown' }).waitFor();
  const whole = await clipboard();
  assert.equal(entries(whole).length, 6, whole);
  assert.match(whole, /^\*\*You → CMO Twin\*\* · \d{4}-.* · .*\n> First question\n/);
  assert.match(whole, /\*\*CMO Twin → You\*\*/);
  assert.ok(whole.indexOf('First question') < whole.indexOf('Third question'), 'oldest first');

  // Pick the first message, then Shift+click the third: a range of three.
  await view.getByRole('checkbox', { name: 'Select message 1 from you' }).click();
  await view.getByRole('checkbox', { name: /^Select message 3 from/ }).click({ modifiers: ['Shift'] });
  assert.equal(await view.getByRole('checkbox', { checked: true }).count(), 3);
  await view.getByRole('button', { name: 'Copy 3 as Markdown' }).click();
  await status.filter({ hasText: 'Copied 3 messages as Markdown' }).waitFor();
  const picked = await clipboard();
  assert.equal(entries(picked).length, 3, picked);
  // The three questions went out before any answer came back: they are the first three messages.
  assert.match(picked, /First question[\s\S]*Second question[\s\S]*Third question/);
  assert.doesNotMatch(picked, /CMO Twin → You/, 'no answer was picked');

  // Esc clears the selection.
  await view.getByRole('checkbox', { name: 'Select message 1 from you' }).focus();
  await page.keyboard.press('Escape');
  await view.getByRole('button', { name: 'Copy as Markdown' }).waitFor();
  assert.equal(await view.getByRole('checkbox', { checked: true }).count(), 0);
  await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/copy-markdown.png` });

  // The palette copies the whole conversation too.
  await page.evaluate('navigator.clipboard.writeText("")');
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('copy conversation as markdown');
  await page.keyboard.press('Enter');
  await status.filter({ hasText: 'Copied 6 messages as Markdown' }).waitFor();
  assert.equal(entries(await clipboard()).length, 6);
  await context.close();
});
