import { startDemoFleet } from '../src/agent-kit/demo/demo-fleet';
import { startBrowserHost } from '../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../src/main/core';
import { launchChromiumForBench } from './chromium-bench-support';
import { type BenchContext, type Benchmark, type BenchResult, percentile } from './harness';
import { rosterSteps, timeRosterFilters } from '../test/support/roster-timing';
import { RENDERER_DIR } from '../test/support/console-under-test';

/**
 * roster_filter_1000: a search keystroke to the roster's committed, laid-out result, at 1,000 agents in Chromium.
 * Baseline in the same page: a keystroke from a filter that matches nothing to another that matches nothing (the
 * cost of React, the filter pass and layout with no rows to draw).
 */
/**
 * Times filter changes of the roster at `agents` agents and reports them as `name`. Shared with
 * roster-filter-10000.bench.ts.
 */
export async function rosterFilterBenchmark(context: BenchContext, name: string, agents: number): Promise<BenchResult[]> {
  const demo = await startDemoFleet({ activity: 'quiet', agents, heartbeatMs: 0 });
  const core = createCore({ dataDir: context.tempDir(), endpoints: demo.urls.map((url) => ({ url })), logger: silentLogger });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  const browser = await launchChromiumForBench();
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('roster-count').filter({ hasText: `/${agents}` }).waitFor({ timeout: 120_000 });
    const { real, empty } = rosterSteps(context.size(50, 3));
    await timeRosterFilters(page, real.slice(0, 6));
    const value = percentile(await timeRosterFilters(page, real), 95);
    const baseline = percentile(await timeRosterFilters(page, empty), 95);
    context.log(`${agents} agents: p95 ${value.toFixed(2)} ms; empty result p95 ${baseline.toFixed(2)} ms`);
    return [
      {
        name,
        value,
        unit: 'ms p95',
        baseline_name: 'empty result p95',
        baseline_value: baseline,
        ratio: value / baseline,
        goal: 'p95 <= 16 ms',
        pass: value <= 16,
      },
    ];
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    await demo.close();
  }
}

const benchmark: Benchmark = {
  name: 'roster_filter_1000',
  run: (context) => rosterFilterBenchmark(context, 'roster_filter_1000', context.size(1000, 30)),
};

export default benchmark;
