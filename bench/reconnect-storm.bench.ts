import { setTimeout as delay } from 'node:timers/promises';
import { createCore, silentLogger } from '../src/main/core';
import { type BenchContext, type Benchmark, type BenchResult, percentile } from './harness';
import { startAgentHost } from './link-bench-support';

function waitFor(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = performance.now();
    const timer = setInterval(() => {
      if (probe()) {
        clearInterval(timer);
        resolve(true);
      } else if (performance.now() - started > timeoutMs) {
        clearInterval(timer);
        resolve(false);
      }
    }, 20);
  });
}

export interface StormGoals {
  suffix: string;
  recoveryS: number;
  spreadMs: number;
  gatewaySize?: number;
}

/** All agents' links die at once and come back after `outageMs`; how long until every link is welcomed again. */
export async function reconnectStorm(context: BenchContext, agents: number, outageMs: number, goals: StormGoals): Promise<BenchResult[]> {
  {
    const host = await startAgentHost(agents, { gatewaySize: goals.gatewaySize });
    const links = host.urls.length;
    const core = createCore({ dataDir: context.tempDir(), endpoints: host.urls.map((url) => ({ url })), logger: silentLogger });
    try {
      const started = performance.now();
      await waitFor(() => host.welcomes >= links, 120_000);
      const initialMs = performance.now() - started;

      // Every agent restarts at once: sockets die, nothing listens for `outageMs`, then all come back.
      await host.stop();
      await delay(outageMs);
      host.welcomeTimes.length = 0;
      const before = host.welcomes;
      await host.restart();
      const reopened = performance.now();
      const back = await waitFor(() => host.welcomes - before >= links, 60_000);
      const recoveryS = back ? (performance.now() - reopened) / 1000 : Number.POSITIVE_INFINITY;
      const offsets = host.welcomeTimes.map((t) => t - reopened);
      const spreadMs = percentile(offsets, 90) - percentile(offsets, 10);
      context.log(
        `initial connect ${Math.round(initialMs)} ms; after a ${outageMs} ms outage all ${agents} back in ${recoveryS.toFixed(2)} s; ` +
          `reconnects p10..p90 spread over ${Math.round(spreadMs)} ms`,
      );
      return [
        {
          name: `reconnect_storm${goals.suffix}`,
          value: recoveryS,
          unit: 's',
          baseline_name: 'initial connect of all agents (s)',
          baseline_value: initialMs / 1000,
          ratio: recoveryS / (initialMs / 1000),
          goal: `all ${agents} agents (${links} links) back within ${goals.recoveryS} s of their restart`,
          pass: recoveryS <= goals.recoveryS,
        },
        {
          name: `reconnect_storm${goals.suffix}_spread`,
          value: spreadMs,
          unit: 'ms (p10..p90 of reconnects)',
          baseline_name: 'recovery time (ms)',
          baseline_value: recoveryS * 1000,
          ratio: spreadMs / (recoveryS * 1000),
          // Full jitter draws each first redial uniformly from [0, 500 ms] and later ones from wider windows, so a
          // herd that redials in one instant would show a spread of a few ms; a second or more is no herd.
          goal: `reconnects spread by jitter, not a herd: p10..p90 >= ${goals.spreadMs} ms`,
          pass: spreadMs >= goals.spreadMs,
        },
      ];
    } finally {
      await core.close();
      await host.stop().catch(() => {});
    }
  }
}

const benchmark: Benchmark = {
  name: 'reconnect_storm',
  run: (context) =>
    reconnectStorm(context, context.size(1000, 20), context.size(2000, 200), { suffix: '', recoveryS: 15, spreadMs: 1000 }),
};

export default benchmark;
