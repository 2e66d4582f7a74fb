import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { BenchContext, Benchmark } from './harness';
import { startAgentHost } from './link-bench-support';

interface Sample {
  online: number;
  rss: number;
  cpuUs: number;
  at: number;
}

function startCoreProcess(dataDir: string, urls: string[], heartbeatMs: number): ChildProcess {
  return fork(path.join(__dirname, 'core-process.ts'), [dataDir, JSON.stringify(urls), String(heartbeatMs)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

function sample(child: ChildProcess): Promise<Sample> {
  return new Promise((resolve) => {
    const onMessage = (message: Sample | { ready: true }) => {
      if (!('online' in message)) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send({ type: 'sample' });
  });
}

/**
 * Starts a core over `agents` agents (one link each, or `gatewaySize` to a link), waits until every link is online,
 * then measures an idle window. `extraUrls` are dialed too (the A2A benchmark's agents, served elsewhere).
 */
export async function measure(context: BenchContext, agents: number, heartbeatMs: number, idleMs: number, gatewaySize?: number, extraUrls: string[] = []) {
  const host = agents > 0 ? await startAgentHost(agents, { gatewaySize }) : null;
  const urls = [...(host?.urls ?? []), ...extraUrls];
  const links = urls.length;
  const child = startCoreProcess(context.tempDir(), urls, heartbeatMs);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const started = performance.now();
    let s = await sample(child);
    while (s.online < links) {
      if (performance.now() - started > 120_000) throw new Error(`only ${s.online} of ${links} links came online`);
      // Polling the child's own count: the only shared signal across the process boundary.
      await delay(100);
      s = await sample(child);
    }
    const connectMs = performance.now() - started;
    const before = await sample(child);
    // The idle window itself is what is measured: heartbeats keep running through it.
    await delay(idleMs);
    const after = await sample(child);
    const cpuPercent = ((after.cpuUs - before.cpuUs) / 1000 / (after.at - before.at)) * 100;
    return { rssMb: after.rss / 2 ** 20, cpuPercent, connectMs, heartbeats: host ? host.welcomes : 0 };
  } finally {
    child.send({ type: 'exit' });
    await exited;
    await host?.stop();
  }
}

const benchmark: Benchmark = {
  name: 'agents_1000',
  async run(context) {
    const agents = context.size(1000, 20);
    // The app's default heartbeat (10 s per link): 100 pings and 100 pongs a second across 1,000 links.
    const heartbeatMs = context.size(10_000, 200);
    const idleMs = context.size(10_000, 500);
    const empty = await measure(context, 0, heartbeatMs, idleMs);
    const full = await measure(context, agents, heartbeatMs, idleMs);
    context.log(
      `${agents} agents online in ${Math.round(full.connectMs)} ms; RSS ${full.rssMb.toFixed(1)} MB (empty core ${empty.rssMb.toFixed(1)} MB); ` +
        `idle CPU ${full.cpuPercent.toFixed(2)}% with a ping every ${heartbeatMs} ms per link`,
    );
    return [
      {
        name: 'agents_1000_rss',
        value: full.rssMb,
        unit: 'MB',
        baseline_name: 'core with no agents',
        baseline_value: empty.rssMb,
        ratio: full.rssMb / empty.rssMb,
        goal: `core RSS <= 300 MB with ${agents} agents`,
        pass: full.rssMb <= 300,
      },
      {
        name: 'agents_1000_idle_cpu',
        value: full.cpuPercent,
        unit: '% of a core',
        baseline_name: 'core with no agents',
        baseline_value: empty.cpuPercent,
        ratio: empty.cpuPercent > 0 ? full.cpuPercent / empty.cpuPercent : full.cpuPercent,
        goal: `idle CPU <= 5% of a core, heartbeat every ${heartbeatMs / 1000} s per link`,
        pass: full.cpuPercent <= 5,
      },
    ];
  },
};

export default benchmark;
