import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../src/main/core/store/database';
import { launchChromium } from '../support/chromium';
import { startConsole } from '../support/console-under-test';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

const TOTAL = 3000;
const SHOTS = process.env.POLISH_SHOTS_DIR;
const DEEP = 120;

test('search the log in Chromium, open a hit deep in history around its message, page older, export with progress', async (t) => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  logAgent(db, 'cmo-twin', 'CMO Twin', 'Chief Marketing Officer', 'Marketing');
  logMessages(
    db,
    Array.from({ length: TOTAL }, (_, i) => ({
      id: `m${i}`,
      text: i === DEEP ? 'The Zürich offsite budget was approved' : `Weekly marketing note number ${i}`,
    })),
  );
  db.close();

  const browser = await launchChromium();
  const app = await startConsole(dataDir);
  t.after(() => app.stop());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.host.url);

  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('zurich "offsite budget"');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = page.locator(`.hit[data-message-id="m${DEEP}"]`);
  await hit.waitFor();
  assert.equal(await page.locator('.hit').count(), 1);
  assert.equal(await page.getByRole('status').filter({ hasText: /results?, newest first/ }).textContent(), '1 result, newest first');
  assert.deepEqual(await hit.locator('mark').allTextContents(), ['Zürich', 'offsite budget']);
  // The first hit previews at once beside the results: its conversation around it, the hit marked as the anchor.
  const preview = page.getByRole('region', { name: 'Preview of the hit in its conversation' });
  await preview.locator('[data-anchor="true"]').getByText('The Zürich offsite budget was approved').waitFor();
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'history-search.png') });

  // Operators type FTS syntax as text: no error, no crash.
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('weekly (note) number: "marketing');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('.hit').first().waitFor();
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('zurich');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await hit.click();

  const anchor = page.locator('[data-anchor="true"] .message');
  await anchor.waitFor();
  assert.match((await anchor.textContent()) ?? '', /Zürich offsite budget/);
  assert.ok(await anchor.isVisible());
  // Context on both sides of the hit, from a conversation of 3,000 messages, without rendering all of them.
  await page.locator(`[data-message-id="m${DEEP - 3}"]`).waitFor();
  await page.locator(`[data-message-id="m${DEEP + 3}"]`).waitFor();
  assert.ok((await page.locator('.virtual-row').count()) < 80, 'only rows near the viewport are in the DOM');
  await page.getByRole('button', { name: 'Back to latest ↓' }).waitFor();

  // Scrolling to the top pages older messages in by keyset, until the very first one.
  // Each animation frame the operator is back at the top; done once the log's first message is on screen.
  await page.waitForFunction(() => {
    // Page code; this file is type-checked for Node, so the DOM is described by hand.
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number } | null } }).document;
    const scroller = doc.querySelector('[data-testid="message-scroller"]');
    if (scroller) scroller.scrollTop = 0;
    return doc.querySelector('[data-message-id="m0"]') !== null;
  });
  await page.locator('[data-message-id="m0"]').waitFor();

  await page.getByRole('tab', { name: 'Export' }).click();
  // Export, Stats and Backups take the whole width: no search form, no preview beside them.
  assert.equal(await preview.isVisible(), false);
  assert.equal(await page.getByRole('searchbox', { name: 'Search messages' }).isVisible(), false);
  await page.getByRole('combobox', { name: 'Export format' }).selectOption('json');
  const progressEvents: number[] = [];
  const off = app.core.on('export:progressed', (p) => progressEvents.push(p.done));
  t.after(off);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.locator('.export-status[data-state="finished"]').waitFor();
  assert.match((await page.locator('.export-status').textContent()) ?? '', /Exported 3,000 messages/);
  const file = (await page.locator('.export-status .file-path').textContent()) ?? '';
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string }[];
  assert.equal(exported.length, TOTAL);
  assert.ok(progressEvents.some((done) => done > 0 && done < TOTAL), `progress in between: ${progressEvents.join(',')}`);
  assert.equal(await page.getByRole('progressbar', { name: 'Export progress' }).getAttribute('value'), String(TOTAL));
  // The page downloads the file over its own token; without the token, or with a path for a name, nothing.
  const href = (await page.getByRole('link', { name: /^Download / }).getAttribute('href')) ?? '';
  const downloaded = await fetch(`${app.host.origin}${href}`);
  assert.equal(downloaded.status, 200);
  assert.match(downloaded.headers.get('content-disposition') ?? '', /^attachment; filename=/);
  assert.equal(((await downloaded.json()) as unknown[]).length, TOTAL);
  assert.equal((await fetch(`${app.host.origin}${href.replace(/\?.*$/, '')}`)).status, 401);
  assert.equal((await fetch(`${app.host.origin}/exports/..%2Ftwin-console.sqlite?token=${app.host.token}`)).status, 404);
  assert.deepEqual(pageErrors, []);
});

test('a large export shows a progress bar that can be seen and cancelled, and leaves no file', async (t) => {
  const LARGE = 150_000;
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  logAgent(db, 'cmo-twin', 'CMO Twin', 'Chief Marketing Officer', 'Marketing');
  logMessages(db, Array.from({ length: LARGE }, (_, i) => ({ id: `m${i}`, text: `Weekly marketing note number ${i}` })));
  db.close();

  const browser = await launchChromium();
  const app = await startConsole(dataDir);
  t.after(() => app.stop());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(app.host.url);
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('tab', { name: 'Export' }).click();
  // Cancel as soon as the export has written its first batch, so the test does not race the export's end.
  const firstBatch = new Promise<void>((resolve) => {
    const off = app.core.on('export:progressed', (p) => {
      if (p.state === 'running' && p.done > 0) {
        off();
        resolve();
      }
    });
  });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await firstBatch;
  const bar = page.getByRole('progressbar', { name: 'Export progress' });
  await bar.waitFor();
  assert.ok(await bar.isVisible());
  assert.ok((await bar.boundingBox())!.width > 200, 'a bar wide enough to read');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'history-export-running.png') });
  await page.getByRole('button', { name: 'Cancel export' }).click();
  await page.getByRole('status').filter({ hasText: 'Export cancelled; no file was kept.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel export' }).count(), 0);
  const files = fs.existsSync(path.join(dataDir, 'exports')) ? fs.readdirSync(path.join(dataDir, 'exports')) : [];
  assert.deepEqual(files, [], 'neither the export nor its .partial is kept');
});
