import { setTimeout as delay } from 'node:timers/promises';
import { serveA2aAgent } from '../src/agent-kit/a2a/a2a-agent-server';
import { Role, TaskState } from '@a2a-js/sdk';
import { ClientFactory } from '@a2a-js/sdk/client';
import { agentMessage, artifactEvent, statusEvent, taskEvent, textPart } from '../src/agent-kit/a2a/a2a-parts';
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

function streamingServer(count: number, rate: number, sent: (sentAt: number[]) => void) {
  return serveA2aAgent({
    name: 'Bench streamer',
    description: 'Streams paced chunks for the benchmarks.',
    streaming: true,
    executor: executor(async ({ taskId, contextId, userMessage }, bus) => {
      bus.publish(taskEvent(taskId, contextId, [userMessage]));
      sent(
        await paced(count, rate, (i) =>
          bus.publish(artifactEvent(taskId, contextId, { artifactId: 'answer', name: 'answer', parts: [textPart(chunkText(i))] }, { append: i > 0, lastChunk: false })),
        ),
      );
      bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_COMPLETED));
    }),
  });
}

/**
 * A chunk published by the agent (an A2A artifact update on the SDK server's SSE stream) → visible in the core as
 * `message:streamed`, at `rate` chunks a second. Agent and core share this process, so one clock times both ends.
 */
async function overA2a(dataDir: string, count: number, rate: number): Promise<number[]> {
  let sentAt: number[] = [];
  const server = await streamingServer(count, rate, (s) => (sentAt = s));
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

/**
 * The floor: the same server, chunks and pacing, read by the SDK's client alone (no console). What the console adds
 * is the difference; the floor itself grows with the length of the stream (the SDK server re-saves the task with its
 * whole artifact on every chunk), which is the agent's side of the wire.
 */
async function overSdkClientAlone(count: number, rate: number): Promise<number[]> {
  let sentAt: number[] = [];
  const server = await streamingServer(count, rate, (s) => (sentAt = s));
  try {
    const client = await new ClientFactory().createFromUrl(server.url);
    const seenAt: number[] = [];
    const message = { ...agentMessage([textPart('stream please')], { contextId: 'bench' }), role: Role.ROLE_USER };
    for await (const event of client.sendMessageStream({ tenant: '', message, configuration: undefined, metadata: undefined })) {
      if (event.payload?.$case === 'artifactUpdate') seenAt.push(performance.now());
    }
    return sentAt.map((at, i) => seenAt[i]! - at);
  } finally {
    await server.close();
  }
}

const benchmark: Benchmark = {
  name: 'a2a_stream_latency',
  async run(context) {
    const rate = 200;
    // One second of streaming: a long answer. Longer streams are dominated by the SDK server's own cost (see the floor).
    const count = context.size(200, 40);
    const raw = percentile(await overSdkClientAlone(count, rate), 99);
    const latencies = await overA2a(context.tempDir(), count, rate);
    const p99 = percentile(latencies, 99);
    context.log(`p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms over ${count} chunks at ${rate}/s; SDK client alone p99 ${raw.toFixed(2)} ms`);
    return [
      {
        name: 'a2a_stream_latency_p99',
        value: p99,
        unit: 'ms',
        baseline_name: 'SDK client alone p99, same server and pacing',
        baseline_value: raw,
        ratio: p99 / raw,
        goal: `p99 <= 20 ms at ${rate} chunks/s (agent chunk -> message:streamed in the core)`,
        pass: p99 <= 20,
      },
    ];
  },
};

export default benchmark;
