/**
 * agents_10000_rss, agents_10000_idle_cpu and reconnect_storm_10000 (`npm run bench:scale`): ten thousand agents
 * behind gateways of 250 (40 links), with the app's heartbeat. Baselines as at 1,000: the core with no agents, and
 * the initial connect of the same fleet.
 */
import { measure } from '../agents-1000.bench';
import type { Benchmark } from '../harness';
import { reconnectStorm } from '../reconnect-storm.bench';

const GATEWAY = 250;

const benchmark: Benchmark = {
  name: 'agents_10000',
  async run(context) {
    const agents = context.size(10_000, 40);
    const gatewaySize = context.size(GATEWAY, 10);
    const heartbeatMs = context.size(10_000, 200);
    const idleMs = context.size(10_000, 500);
    const empty = await measure(context, 0, heartbeatMs, idleMs);
    const full = await measure(context, agents, heartbeatMs, idleMs, gatewaySize);
    context.log(
      `${agents} agents on ${agents / gatewaySize} gateway links online in ${Math.round(full.connectMs)} ms; RSS ${full.rssMb.toFixed(1)} MB ` +
        `(empty core ${empty.rssMb.toFixed(1)} MB); idle CPU ${full.cpuPercent.toFixed(2)}%`,
    );
    const storm = await reconnectStorm(context, agents, context.size(2000, 200), {
      suffix: '_10000',
      recoveryS: 30,
      spreadMs: 2000,
      gatewaySize,
    });
    return [
      {
        name: 'agents_10000_rss',
        value: full.rssMb,
        unit: 'MB',
        baseline_name: 'core with no agents',
        baseline_value: empty.rssMb,
        ratio: full.rssMb / empty.rssMb,
        goal: `core RSS <= 600 MB with ${agents} agents behind gateways of ${gatewaySize}`,
        pass: full.rssMb <= 600,
      },
      {
        name: 'agents_10000_idle_cpu',
        value: full.cpuPercent,
        unit: '% of a core',
        baseline_name: 'core with no agents',
        baseline_value: empty.cpuPercent,
        ratio: empty.cpuPercent > 0 ? full.cpuPercent / empty.cpuPercent : full.cpuPercent,
        goal: `idle CPU <= 10% of a core, heartbeat every ${heartbeatMs / 1000} s per link`,
        pass: full.cpuPercent <= 10,
      },
      ...storm,
    ];
  },
};

export default benchmark;
