import { setTimeout as delay } from 'node:timers/promises';
import { WebSocket, WebSocketServer } from 'ws';
import { serveA2aAgent } from '../src/agent-kit/a2a/a2a-agent-server';
import { artifactEvent, statusEvent, taskEvent, textPart } from '../src/agent-kit/a2a/a2a-parts';
import { TaskState } from '@a2a-js/sdk';
import { agentIdOf } from '../src/main/core/links/a2a/a2a-card';
import { benchCore, endpointsOnline, executor } from './a2a-bench-support';
import { type Benchmark, percentile } from './harness';

/** Every chunk has the same length, so the length of the text streamed so far says which chunks are visible. */
const CHUNK_CHARS = 8;
const chunkText = (i: number) => `c${String(i).padStart(CHUNK_CHARS - 2, '0')} `;

/** Sends `count` chunks at `rate` a second, on a schedule (not after each other), and records when each went out. */
async function paced(count: number, rate: number, send: (i: number) => void): Promise<number[]> {
  const sentAt: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await delay(wait);
    sentAt.push(performance.now());
    send(i);
  }
  return sentAt;
}

/**
 * A chunk published by the agent (an A2A artifact update on the SDK server's SSE stream) → visible in the core as
 * `message:streamed`, at `rate` chunks a second. Agent and core share this process, so one clock times both ends.
 */
async function overA2a(dataDir: string, count: number, rate: number): Promise<number[]> {
  let sentAt: number[] = [];
  const server = await serveA2aAgent({
    name: 'Bench streamer',
    description: 'Streams paced chunks for the benchmarks.',
    streaming: true,
    executor: executor(async ({ taskId, contextId, userMessage }, bus) => {
      bus.publish(taskEvent(taskId, contextId, [userMessage]));
      sentAt = await paced(count, rate, (i) =>
        bus.publish(artifactEvent(taskId, contextId, { artifactId: 'answer', name: 'answer', parts: [textPart(chunkText(i))] }, { append: i > 0, lastChunk: false })),
      );
      bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_COMPLETED));
    }),
  });
  const core = benchCore(dataDir, [server.url]);
  try {
    await endpointsOnline(core, 1);
    const seenAt: number[] = [];
    const off = core.on('message:streamed', (reply) => {
      const now = performance.now();
      for (let i = seenAt.length; i < reply.text.length / CHUNK_CHARS; i++) seenAt.push(now);
    });
    const done = new Promise<void>((resolve) => {
      const offDone = core.on('message:changed', (m) => {
        if (m.direction !== 'in') return;
        offDone();
        resolve();
      });
    });
    const sent = await core.api.messages.send({ agentId: agentIdOf(server.url), text: 'stream please' });
    if (!sent.ok) throw new Error(sent.error.message);
    await done;
    off();
    if (seenAt.length < count) throw new Error(`only ${seenAt.length} of ${count} chunks were seen streaming`);
    return sentAt.map((at, i) => seenAt[i]! - at);
  } finally {
    await core.close();
    await server.close();
  }
}

/** The floor: the same chunks, paced the same, over one raw loopback WebSocket (no SDK, no core). */
async function overRawSocket(count: number, rate: number): Promise<number[]> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const seenAt: number[] = [];
  client.on('message', () => seenAt.push(performance.now()));
  const socket = await new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  await new Promise<void>((resolve) => (client.readyState === WebSocket.OPEN ? resolve() : client.once('open', () => resolve())));
  const sentAt = await paced(count, rate, (i) => socket.send(JSON.stringify({ text: chunkText(i) })));
  while (seenAt.length < count) await new Promise((resolve) => client.once('message', resolve));
  client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  return sentAt.map((at, i) => seenAt[i]! - at);
}

const benchmark: Benchmark = {
  name: 'a2a_stream_latency',
  async run(context) {
    const rate = 200;
    const count = context.size(2000, 40);
    const raw = percentile(await overRawSocket(count, rate), 99);
    const latencies = await overA2a(context.tempDir(), count, rate);
    const p99 = percentile(latencies, 99);
    context.log(`p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms over ${count} chunks at ${rate}/s; raw ws p99 ${raw.toFixed(2)} ms`);
    return [
      {
        name: 'a2a_stream_latency_p99',
        value: p99,
        unit: 'ms',
        baseline_name: 'raw loopback ws p99, same pacing',
        baseline_value: raw,
        ratio: p99 / raw,
        goal: `p99 <= 20 ms at ${rate} chunks/s (agent chunk -> message:streamed in the core)`,
        pass: p99 <= 20,
      },
    ];
  },
};

export default benchmark;
