import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { openDatabase } from '../../src/main/core/store/database';
import { MetricRepository } from '../../src/main/core/store/metric-repository';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { logAgent } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

const SHOTS = process.env.POLISH_SHOTS_DIR;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

test('metrics in Chromium: the range selector changes what the chart spans; the chart is named, with units and a text alternative', async (t) => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  logAgent(db, 'cso-twin', 'CSO Twin', 'Chief Sales Officer', 'Sales');
  const samples = new MetricRepository(db);
  const now = Date.now();
  db.transaction(() => {
    // One sample 10 minutes ago, one 5 hours ago, one 3 days ago: each range holds a different number of them.
    samples.insert({ agentId: 'cso-twin', name: 'p95_latency', value: 900, unit: 'ms', at: now - 3 * 24 * HOUR });
    samples.insert({ agentId: 'cso-twin', name: 'p95_latency', value: 300, unit: 'ms', at: now - 5 * HOUR });
    samples.insert({ agentId: 'cso-twin', name: 'p95_latency', value: 120, unit: 'ms', at: now - 10 * MINUTE });
  })();
  db.close();

  const core = createCore({ dataDir, logger: silentLogger });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(async () => {
    await host.close();
    await core.close();
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(host.url);
  await page.getByRole('button', { name: /CSO Twin/ }).first().click();
  await page.getByRole('button', { name: 'Metrics', exact: true }).click();

  const range = page.getByRole('radiogroup', { name: 'Chart range' });
  const chart = page.getByRole('img', { name: 'P95 latency (ms) chart' });
  await chart.waitFor();
  const summary = page.getByText(/^P95 latency \(ms\): last/);
  // The default range is 24 h: the 3-day-old sample is out.
  assert.equal(await range.getByRole('radio', { name: '24 h' }).isChecked(), true);
  assert.match((await summary.textContent()) ?? '', /last 120 ms .* lowest 120 ms, highest 300 ms over 2 points/);

  await range.getByRole('radio', { name: '7 d' }).check();
  await page.getByText(/highest 900 ms over 3 points/).waitFor();
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'metrics-7d.png') });

  await range.getByRole('radio', { name: '1 h' }).check();
  await page.getByText(/lowest 120 ms, highest 120 ms over 1 points/).waitFor();

  // Hover: the legend under the plot reads the value and the time under the cursor. The 10-minute-old sample sits at
  // the right edge of a 24-hour axis.
  await range.getByRole('radio', { name: '24 h' }).check();
  await page.getByText(/over 2 points/).waitFor();
  const legend = page.getByRole('group', { name: 'P95 latency (ms) at the cursor' });
  assert.equal(await legend.getByText('120 ms').count(), 0, 'no value before the cursor is on the plot');
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + 40);
  await page.mouse.move(box.x + box.width - 30, box.y + 40, { steps: 5 });
  await legend.getByText('120 ms').waitFor();
  const expectedTime = await page.evaluate((at) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(at), now - 10 * MINUTE);
  await legend.getByText(expectedTime).waitFor();
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'metrics-hover.png') });

  // A theme is CSS variables on the root: the canvas is redrawn in the new colours, the legend and caption follow.
  await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { style: { setProperty(n: string, v: string): void } } } }).document.documentElement;
    for (const [name, value] of Object.entries({ '--bg': '#111418', '--panel': '#1b1f27', '--text': '#e6e9ef', '--muted': '#9aa3b5', '--border': '#2e3440', '--accent': '#7aa2ff' })) {
      root.style.setProperty(name, value);
    }
  });
  await page.mouse.move(box.x + box.width - 30, box.y + 60, { steps: 3 });
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'metrics-dark.png') });
  assert.deepEqual(pageErrors, []);
});
