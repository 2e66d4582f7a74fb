/**
 * What the renderer benchmarks share: one agent in its own process (dom-latency-agent.ts) streaming into its direct
 * conversation, the real core and browser host here, and Debian Chromium with that conversation open.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { type BrowserHost, startBrowserHost } from '../src/main/browser-host/browser-host';
import { type Core, createCore, silentLogger } from '../src/main/core';
import { RENDERER_DIR } from '../test/support/console-under-test';
import { launchChromiumForBench } from './chromium-bench-support';
import { monotonicMs } from './link-bench-support';

export type StreamAgentCommand = { type: 'send'; rate: number; count: number; recordTimes: boolean } | { type: 'stop' };
export type StreamAgentReport =
  | { type: 'listening'; url: string }
  | { type: 'welcomed' }
  | { type: 'sent'; lastSeq: number; sentAt: [string, number][] };

export interface StreamingConsole {
  core: Core;
  page: Page;
  cdp: CDPSession;
  /** Sends `count` frames at `rate` msg/s; resolves with each frame's send time (monotonicMs) when asked for. */
  send(rate: number, count: number, recordTimes: boolean): Promise<{ lastSeq: number; sentAt: Map<string, number> }>;
  /** Resolves once the message `a0-<seq>` is in the DOM of the open conversation. */
  waitForMessage(seq: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the agent, the core, the host and Chromium, and opens the agent's conversation in the page. */
export async function startStreamingConsole(dataDir: string): Promise<StreamingConsole> {
  const child: ChildProcess = fork(path.join(__dirname, 'dom-latency-agent.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T extends StreamAgentReport['type']>(type: T) =>
    new Promise<Extract<StreamAgentReport, { type: T }>>((resolve, reject) => {
      const onMessage = (message: StreamAgentReport) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<StreamAgentReport, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`the agent process exited (${code}) before "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { url } = await next('listening');
  const welcomed = next('welcomed');
  const core = createCore({ dataDir, endpoints: [{ url }], logger: silentLogger });
  let host: BrowserHost | null = null;
  let browser: Browser | null = null;
  try {
    await welcomed;
    host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
    browser = await launchChromiumForBench();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.locator('[data-agent-id="a0"]').click();
    await page.getByRole('log', { name: 'Messages with a0' }).waitFor();
    const cdp = await page.context().newCDPSession(page);
    const opened = { host, browser };
    return {
      core,
      page,
      cdp,
      async send(rate, count, recordTimes) {
        const sent = next('sent');
        child.send({ type: 'send', rate, count, recordTimes } satisfies StreamAgentCommand);
        const { lastSeq, sentAt } = await sent;
        return { lastSeq, sentAt: new Map(sentAt) };
      },
      async waitForMessage(seq) {
        await page.locator(`[data-message-id="a0-${seq}"]`).waitFor({ timeout: 120_000 });
      },
      async close() {
        await opened.browser.close();
        await opened.host.close();
        await core.close();
        if (child.exitCode === null) child.send({ type: 'stop' } satisfies StreamAgentCommand);
        await exited;
      },
    };
  } catch (error) {
    await browser?.close();
    await host?.close();
    await core.close();
    child.kill();
    throw error;
  }
}

/**
 * The page's clock (performance.timeOrigin + now) relative to monotonicMs here: the offset of the round trip with the
 * smallest delay, so its error is at most half that delay (about a millisecond through Playwright).
 */
export async function pageClockOffset(page: Page): Promise<{ offset: number; error: number }> {
  let best = { offset: 0, error: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 30; i++) {
    const before = monotonicMs();
    const pageNow = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = monotonicMs();
    if ((after - before) / 2 < best.error) best = { offset: pageNow - (before + after) / 2, error: (after - before) / 2 };
  }
  return best;
}

export async function usedHeapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}
