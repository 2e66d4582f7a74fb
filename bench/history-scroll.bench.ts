/**
 * scroll_fps: scrolling up through the seeded log's biggest conversation (100,000 messages at full size) in Debian
 * Chromium, through the real browser host and core, while older pages load by keyset. Frames are counted with
 * requestAnimationFrame in the page. Baseline: the frame rate of the same headless Chromium on an idle page, so the
 * ratio is the share of frames the virtualized list keeps.
 */
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startBrowserHost } from '../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../src/main/core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium';
import type { Benchmark } from './harness';
import { agentId, seededHistory } from './seed-history';

/**
 * Counts animation frames for `ms`, scrolling the conversation up by `step` px each frame. Page code, kept as text:
 * this file is type-checked for Node, without the DOM.
 */
const COUNT_FRAMES = `({ ms, step }) => new Promise((resolve) => {
  const scroller = document.querySelector('[data-testid="message-scroller"]');
  let frames = 0;
  const t0 = performance.now();
  const tick = (now) => {
    frames++;
    if (scroller && step) scroller.scrollTop -= step;
    if (now - t0 < ms) requestAnimationFrame(tick);
    else resolve({ fps: (frames * 1000) / (now - t0) });
  };
  requestAnimationFrame(tick);
})`;

function countFrames(page: Page, args: { ms: number; step: number }): Promise<{ fps: number }> {
  return page.evaluate(`(${COUNT_FRAMES})(${JSON.stringify(args)})`);
}

const benchmark: Benchmark = {
  name: 'history-scroll',
  async run(ctx) {
    const seeded = seededHistory(ctx.smoke);
    const t0 = performance.now();
    const core = createCore({ dataDir: seeded.dataDir, logger: silentLogger });
    ctx.log(`core opened the log (quick_check included) in ${Math.round(performance.now() - t0)} ms`);
    const host = await startBrowserHost({ core, rendererDir: path.resolve(__dirname, '../out/renderer') });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const ms = ctx.size(8000, 600);
      const idle = await countFrames(page, { ms: ctx.size(2000, 300), step: 0 });
      await page.goto(host.url);
      // The roster shows only the rows on screen: filter it down to the agent, as an operator would.
      await page.getByRole('searchbox', { name: 'Search agents' }).fill(agentId(0));
      await page.locator(`[data-agent-id="${agentId(0)}"]`).click();
      await page.locator('.virtual-row').first().waitFor();
      const scrolled = await countFrames(page, { ms, step: 120 });
      const rendered = await page.locator('.virtual-row').count();
      const deepest = await page.locator('.virtual-row').first().getAttribute('data-index');
      ctx.log(`scrolled ${ms} ms up a ${seeded.bigConversationSize}-message conversation; ${rendered} rows in the DOM, top row index ${deepest}`);
      return [
        {
          name: 'scroll_fps',
          value: scrolled.fps,
          unit: 'fps',
          baseline_name: 'idle page, same Chromium, fps',
          baseline_value: idle.fps,
          ratio: scrolled.fps / idle.fps,
          goal: `≥ 50 fps scrolling a ${seeded.bigConversationSize}-message conversation`,
          pass: scrolled.fps >= 50,
        },
      ];
    } finally {
      await browser.close();
      await host.close();
      await core.close();
    }
  },
};

export default benchmark;
