import { WebSocket } from 'ws';
import { createCore, silentLogger } from '../src/main/core';
import type { BenchContext, Benchmark } from './harness';
import { benchFrame, startAgentHost } from './link-bench-support';

/** Sends `perAgent` frames from each of `agents` agents and resolves with msg/s as the core commits them. */
async function coreIngest(context: BenchContext, agents: number, perAgent: number, ingest?: { maxBatch: number; maxDelayMs: number }) {
  const host = await startAgentHost(agents);
  host.onWelcome = (agentId, socket) => {
    for (let seq = 1; seq <= perAgent; seq++) socket.send(benchFrame(agentId, seq));
  };
  const total = agents * perAgent;
  const core = createCore({ dataDir: context.tempDir(), endpoints: host.urls.map((url) => ({ url })), logger: silentLogger, ...(ingest ? { ingest } : {}) });
  let first = 0;
  const rate = await new Promise<number>((resolve) => {
    let committed = 0;
    core.on('message:changed', () => {
      if (committed === 0) first = performance.now();
      if (++committed === total) resolve(total / ((performance.now() - first) / 1000));
    });
  });
  await core.close();
  await host.stop();
  return rate;
}

/** The same traffic into bare ws clients that only JSON.parse it: what the socket layer alone costs. */
async function rawReceive(agents: number, perAgent: number): Promise<number> {
  const host = await startAgentHost(agents, { raw: true });
  host.onWelcome = (agentId, socket) => {
    for (let seq = 1; seq <= perAgent; seq++) socket.send(benchFrame(agentId, seq));
  };
  const total = agents * perAgent;
  let received = 0;
  let first = 0;
  const clients: WebSocket[] = [];
  const rate = await new Promise<number>((resolve) => {
    for (const url of host.urls) {
      const client = new WebSocket(url);
      clients.push(client);
      client.on('message', (data) => {
        JSON.parse(data.toString());
        if (received === 0) first = performance.now();
        if (++received === total) resolve(total / ((performance.now() - first) / 1000));
      });
    }
  });
  for (const client of clients) client.terminate();
  await host.stop();
  return rate;
}

const benchmark: Benchmark = {
  name: 'ingest',
  async run(context) {
    const agents = context.size(100, 5);
    const perAgent = context.size(400, 20);
    const raw = await rawReceive(agents, perAgent);
    const batched = await coreIngest(context, agents, perAgent);
    // One transaction (one fsync) per message: what the batcher exists to avoid. Fewer messages: it is slow.
    const naive = await coreIngest(context, agents, context.size(20, 4), { maxBatch: 1, maxDelayMs: 0 });
    context.log(`raw ${Math.round(raw)} msg/s, batched ${Math.round(batched)} msg/s, naive ${Math.round(naive)} msg/s`);
    return [
      {
        name: 'ingest',
        value: batched,
        unit: 'msg/s',
        baseline_name: 'raw ws receive + JSON.parse',
        baseline_value: raw,
        ratio: batched / raw,
        goal: 'ratio >= 0.25 and >= 20,000 msg/s',
        pass: batched / raw >= 0.25 && batched >= 20_000,
      },
      {
        name: 'ingest_vs_naive',
        value: batched,
        unit: 'msg/s',
        baseline_name: 'one transaction per message',
        baseline_value: naive,
        ratio: batched / naive,
        goal: 'ratio >= 5',
        pass: batched / naive >= 5,
      },
    ];
  },
};

export default benchmark;
