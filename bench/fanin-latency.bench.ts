import { WebSocket } from 'ws';
import { createCore, silentLogger } from '../src/main/core';
import { type BenchContext, type Benchmark, percentile } from './harness';
import { benchFrame, startAgentHost } from './link-bench-support';

const AGENTS = 10;
const TICK_MS = 10;

/**
 * Paces `rate` msg/s across the agents for `seconds`, stamping each frame's send time, and collects the latency
 * to `observe(id)`. Returns once every frame has been observed.
 */
function pace(
  sockets: Map<string, WebSocket>,
  rate: number,
  seconds: number,
  sentAt: Map<string, number>,
): { done: Promise<void>; total: number } {
  const perTickPerAgent = Math.max(1, Math.round((rate * TICK_MS) / 1000 / sockets.size));
  const ticks = Math.round((seconds * 1000) / TICK_MS);
  let tick = 0;
  const done = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      tick += 1;
      for (const [agentId, socket] of sockets) {
        for (let i = 0; i < perTickPerAgent; i++) {
          const seq = (tick - 1) * perTickPerAgent + i + 1;
          sentAt.set(`${agentId}-${seq}`, performance.now());
          socket.send(benchFrame(agentId, seq));
        }
      }
      if (tick >= ticks) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  return { done, total: ticks * perTickPerAgent * sockets.size };
}

async function coreLatency(context: BenchContext, rate: number, seconds: number): Promise<number[]> {
  const host = await startAgentHost(AGENTS);
  const sockets = new Map<string, WebSocket>();
  const ready = new Promise<void>((resolve) => {
    host.onWelcome = (agentId, socket) => {
      sockets.set(agentId, socket);
      if (sockets.size === AGENTS) resolve();
    };
  });
  const core = createCore({ dataDir: context.tempDir(), endpoints: host.urls.map((url) => ({ url })), logger: silentLogger });
  await ready;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let expected = Number.POSITIVE_INFINITY;
  let resolveAll!: () => void;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  core.on('message:changed', (m) => {
    const at = sentAt.get(m.id);
    if (at !== undefined) latencies.push(performance.now() - at);
    if (latencies.length >= expected) resolveAll();
  });
  const run = pace(sockets, rate, seconds, sentAt);
  expected = run.total;
  await run.done;
  if (latencies.length < expected) await all;
  await core.close();
  await host.stop();
  return latencies;
}

async function rawLatency(rate: number, seconds: number): Promise<number[]> {
  const host = await startAgentHost(AGENTS, { raw: true });
  const sockets = new Map<string, WebSocket>();
  const ready = new Promise<void>((resolve) => {
    host.onWelcome = (agentId, socket) => {
      sockets.set(agentId, socket);
      if (sockets.size === AGENTS) resolve();
    };
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const clients = host.urls.map((url) => {
    const client = new WebSocket(url);
    client.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { id: string };
      latencies.push(performance.now() - sentAt.get(frame.id)!);
    });
    return client;
  });
  await ready;
  const run = pace(sockets, rate, seconds, sentAt);
  await run.done;
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (latencies.length >= run.total) {
        clearInterval(check);
        resolve();
      }
    }, 5);
  });
  for (const client of clients) client.terminate();
  await host.stop();
  return latencies;
}

const benchmark: Benchmark = {
  name: 'fanin_latency',
  async run(context) {
    const rate = context.size(2000, 500);
    const seconds = context.size(5, 0.2);
    const raw = percentile(await rawLatency(rate, seconds), 99);
    const core = await coreLatency(context, rate, seconds);
    const p99 = percentile(core, 99);
    context.log(`p50 ${percentile(core, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms over ${core.length} frames; raw p99 ${raw.toFixed(2)} ms`);
    return [
      {
        name: 'fanin_latency_p99',
        value: p99,
        unit: 'ms',
        baseline_name: 'raw ws receive p99',
        baseline_value: raw,
        ratio: p99 / raw,
        goal: `p99 <= 20 ms at ${rate} msg/s (frame -> committed -> core event)`,
        pass: p99 <= 20,
      },
    ];
  },
};

export default benchmark;
