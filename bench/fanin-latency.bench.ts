import { WebSocket } from 'ws';
import { createCore, silentLogger } from '../src/main/core';
import { type BenchContext, type Benchmark, percentile } from './harness';
import { monotonicMs, type RemoteAgentHost, startRemoteAgentHost } from './link-bench-support';

const AGENTS = 10;

/**
 * Paces `rate` msg/s from agents in their own process and returns each frame's latency from its send (in the agents'
 * process) to `observe` here, both on the system-wide monotonic clock. Resolves once every frame has been observed.
 */
async function measure(host: RemoteAgentHost, rate: number, seconds: number, connect: (observe: (id: string) => void) => void) {
  const receivedAt = new Map<string, number>();
  let sentAt: Map<string, number> | null = null;
  let resolveAll!: () => void;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const { paced } = await host.pace(rate, seconds);
  connect((id) => {
    receivedAt.set(id, monotonicMs());
    if (sentAt && receivedAt.size >= sentAt.size) resolveAll();
  });
  sentAt = await paced;
  if (receivedAt.size < sentAt.size) await all;
  const latencies: number[] = [];
  for (const [id, at] of sentAt) latencies.push(receivedAt.get(id)! - at);
  return latencies;
}

async function coreLatency(context: BenchContext, rate: number, seconds: number): Promise<number[]> {
  const host = await startRemoteAgentHost(AGENTS);
  let core: ReturnType<typeof createCore> | null = null;
  const latencies = await measure(host, rate, seconds, (observe) => {
    core = createCore({ dataDir: context.tempDir(), endpoints: host.urls.map((url) => ({ url })), logger: silentLogger });
    core.on('message:changed', (m) => observe(m.id));
  });
  await core!.close();
  await host.stop();
  return latencies;
}

async function rawLatency(rate: number, seconds: number): Promise<number[]> {
  const host = await startRemoteAgentHost(AGENTS, { raw: true });
  const clients: WebSocket[] = [];
  const latencies = await measure(host, rate, seconds, (observe) => {
    for (const url of host.urls) {
      const client = new WebSocket(url);
      client.on('message', (data) => observe((JSON.parse(data.toString()) as { id: string }).id));
      clients.push(client);
    }
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
