/**
 * `npm run screenshots [-- outDir]`: the story demo in the real core and browser host, driven in Chromium the way an
 * operator moves (by role and name), with a PNG of every view at 1024x700 and 1920x1080. Look at each one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoFleet } from '../src/agent-kit/demo/demo-fleet';
import { startBrowserHost } from '../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../src/main/core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium';
import { RENDERER_DIR } from '../test/support/console-under-test';
import { tempDir } from '../test/support/temp-dir';

const outDir = path.resolve(process.argv[2] ?? 'out/screenshots');
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
];

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const fleet = await startDemoFleet({ activity: 'story', tickMs: 40, streamDelayMs: 0 });
  const core = createCore({ dataDir: tempDir(), endpoints: fleet.urls.map((url) => ({ url })), logger: silentLogger, tourDone: true });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // A bad endpoint, so Connections has something to explain.
  await core.api.endpoints.add({ url: 'ws://127.0.0.1:9' });
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: size });
      await page.goto(host.url);
      await page.locator('[data-agent-id="seo-agent"][data-link-state="online"]').waitFor();
      const shot = async (name: string) => page.screenshot({ path: path.join(outDir, `${name}-${size.width}x${size.height}.png`) });
      // The first screen is home: the CMO's decision waits there with its time left.
      await page.getByRole('region', { name: 'Decisions waiting' }).getByRole('button', { name: /Launch a live poll/ }).waitFor();
      await shot('01-first-screen');
      await page.getByRole('button', { name: /^Alerts/ }).click();
      await page.getByRole('list', { name: 'Alert list' }).getByRole('listitem').first().waitFor();
      await shot('02-alerts');
      await page.getByRole('region', { name: 'Alert detail' }).getByRole('button', { name: 'Silence…' }).click();
      await shot('03-alerts-silence');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.locator('[data-agent-id="cmo-twin"]').click();
      await page.getByRole('textbox', { name: 'Message CMO Twin' }).fill('How is the campaign doing?');
      await page.keyboard.press('Enter');
      await page.locator('.message.incoming', { hasText: 'Ship Faster' }).last().waitFor();
      await shot('04-chat');
      await page.getByRole('button', { name: 'Rooms', exact: true }).click();
      await page.getByRole('button', { name: 'Create room' }).click();
      await shot('05-rooms-validation');
      await page.getByRole('textbox', { name: 'Room name' }).fill('Launch');
      await page.getByRole('checkbox', { name: /CMO Twin/ }).check();
      await page.getByRole('checkbox', { name: /CSO Twin/ }).check();
      await page.getByRole('button', { name: 'Create room' }).click();
      await page.getByRole('combobox', { name: 'Message room Launch' }).pressSequentially('@c');
      await shot('06-rooms-mention');
      await page.getByRole('button', { name: 'History', exact: true }).click();
      await page.getByRole('searchbox', { name: 'Search messages' }).fill('coverage');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('status').filter({ hasText: /result/ }).waitFor();
      await shot('07-history');
      await page.locator('summary', { hasText: 'Connections' }).click();
      await page.getByRole('group', { name: /Connection problem/ }).waitFor();
      await shot('08-connections');
      await page.locator('summary', { hasText: 'Connections' }).click();
      await page.getByRole('button', { name: /Needs you/ }).click();
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: 'Command' }).fill('approve');
      await shot('09-palette');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /^Alerts/ }).click();
      await page.getByRole('list', { name: 'Alert list' }).getByRole('listitem').first().waitFor();
      await page.keyboard.press('a');
      await page.locator('.timeline li[data-kind="acknowledged"]').first().waitFor();
      await shot('10-alerts-after-ack');
      await page.close();
    }
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    await fleet.close();
  }
  console.log(`screenshots in ${outDir}`);
}

void main();
