import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { launchChromium } from '../support/chromium';
import { startConsole } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';

test('chat with the CMO twin in Chromium, then find both messages again after a restart', async (t) => {
  const dataDir = tempDir();
  const browser = await launchChromium();
  const pageErrors: string[] = [];

  let app = await startConsole(dataDir);
  t.after(() => app.stop());
  let page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.host.url);
  await page.locator('[data-agent-id="cmo-twin"][data-link-state="online"]').waitFor();
  await page.locator('[data-agent-id="cmo-twin"]').click();

  await page.getByRole('textbox', { name: 'Message CMO Twin' }).fill('How is the campaign doing?');
  await page.keyboard.press('Enter');
  const reply = page.locator('.message.incoming', { hasText: 'Ship Faster' });
  await reply.waitFor();
  await page.locator('.message.outgoing[data-status="delivered"]', { hasText: 'How is the campaign doing?' }).waitFor();
  await page.close();

  await app.stop();
  app = await startConsole(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.host.url);
  await page.locator('[data-agent-id="cmo-twin"]').click();
  await page.locator('.message.incoming', { hasText: 'Ship Faster' }).waitFor();
  const texts = await page.locator('.message .message-text').allTextContents();
  assert.deepEqual(texts, ['How is the campaign doing?', texts[1]]);
  assert.match(texts[1] ?? '', /Ship Faster/);
  assert.deepEqual(pageErrors, []);
});

test('the browser host refuses a page link with a wrong token and a socket from another origin', async (t) => {
  const app = await startConsole(tempDir());
  t.after(() => app.stop());
  const wrongToken = await fetch(`${app.host.origin}/?token=nope`);
  assert.equal(wrongToken.status, 401);
  assert.equal((await fetch(app.host.url)).status, 200);

  const socketStatus = (origin: string, token: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(`${app.host.origin.replace('http', 'ws')}/api?token=${encodeURIComponent(token)}`, { origin });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
  assert.equal(await socketStatus('http://evil.example', app.host.token), 403);
  assert.equal(await socketStatus(app.host.origin, 'wrong'), 401);
  assert.equal(await socketStatus(app.host.origin, app.host.token), 101);
});
