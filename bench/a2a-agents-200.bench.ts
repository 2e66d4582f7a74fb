import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { Benchmark, BenchContext } from './harness';
import { measure as measureCore } from './agents-1000.bench';

/** Starts the A2A agents in their own process and resolves with their URLs. */
async function startA2aAgents(count: number): Promise<{ urls: string[]; stop(): Promise<void> }> {
  const child: ChildProcess = fork(path.join(__dirname, 'a2a-agent-host-process.ts'), [String(count)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const urls = await new Promise<string[]>((resolve, reject) => {
    child.once('message', (message: { urls: string[] }) => resolve(message.urls));
    child.once('exit', (code) => reject(new Error(`the A2A agent host exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    urls,
    stop: async () => {
      child.send({ type: 'exit' });
      await exited;
    },
  };
}

/**
 * 200 A2A agents, each its own link, polled for health the way the app does (the card, with its ETag, every 15 s):
 * the core's RSS and its CPU over an idle window that spans more than one round of polls, against an empty core.
 */
async function run(context: BenchContext) {
  const agents = context.size(200, 5);
  const idleMs = context.size(35_000, 500);
  const host = await startA2aAgents(agents);
  try {
    const empty = await measureCore(context, 0, 10_000, idleMs);
    const full = await measureCore(context, 0, 10_000, idleMs, undefined, host.urls);
    context.log(
      `${agents} A2A agents online in ${Math.round(full.connectMs)} ms; RSS ${full.rssMb.toFixed(1)} MB (empty core ${empty.rssMb.toFixed(1)} MB); ` +
        `idle CPU ${full.cpuPercent.toFixed(2)}% (empty ${empty.cpuPercent.toFixed(2)}%) over ${idleMs / 1000} s, card polled every 15 s per agent`,
    );
    return [
      {
        name: 'a2a_agents_200_rss',
        value: full.rssMb,
        unit: 'MB',
        baseline_name: 'core with no agents',
        baseline_value: empty.rssMb,
        ratio: full.rssMb / empty.rssMb,
        goal: `core RSS <= 250 MB with ${agents} A2A agents`,
        pass: full.rssMb <= 250,
      },
      {
        name: 'a2a_agents_200_idle_cpu',
        value: full.cpuPercent,
        unit: '% of a core',
        baseline_name: 'core with no agents',
        baseline_value: empty.cpuPercent,
        ratio: empty.cpuPercent > 0 ? full.cpuPercent / empty.cpuPercent : full.cpuPercent,
        goal: 'idle CPU <= 5% of a core, each card polled every 15 s',
        pass: full.cpuPercent <= 5,
      },
    ];
  } finally {
    await host.stop();
  }
}

const benchmark: Benchmark = { name: 'a2a_agents_200', run };

export default benchmark;
