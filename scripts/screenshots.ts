/**
 * `npm run screenshots [-- outDir]`: the story demo in the real core and browser host, driven in Chromium the way an
 * operator moves (by role and name), with a PNG of every view (test/support/view-tour.ts) in the light and the dark
 * theme at 1024x700 and 1920x1080. Look at each one.
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
import { tourViews } from '../test/support/view-tour';

const outDir = path.resolve(process.argv[2] ?? 'out/screenshots');
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
];
// The OS's choice, emulated: the app follows it (System is the default setting).
const THEMES = ['light', 'dark'] as const;

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const fleet = await startDemoFleet({ activity: 'story', tickMs: 40, streamDelayMs: 0 });
  const core = createCore({ dataDir: tempDir(), endpoints: fleet.urls.map((url) => ({ url })), logger: silentLogger, tourDone: true });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // A bad endpoint, so Connections has something to explain.
  await core.api.endpoints.add({ url: 'ws://127.0.0.1:9' });
  let count = 0;
  try {
    for (const theme of THEMES) {
      for (const size of SIZES) {
        const page = await browser.newPage({ viewport: size, colorScheme: theme });
        await page.goto(host.url);
        await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
        await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /^SEO Agent,.*online/ }).waitFor();
        // The first screen is home: the CMO's decision waits there with its time left.
        await page.getByRole('region', { name: 'Decisions waiting' }).getByRole('button', { name: /Launch a live poll/ }).waitFor();
        let step = 0;
        await tourViews(page, async (name) => {
          step += 1;
          const file = `${String(step).padStart(2, '0')}-${name}-${theme}-${size.width}x${size.height}.png`;
          await page.screenshot({ path: path.join(outDir, file) });
          count += 1;
        });
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    await fleet.close();
  }
  console.log(`${count} screenshots in ${outDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
