import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { createCore, silentLogger } from '../../src/main/core';
import { DATABASE_FILE_NAME } from '../../src/main/core/store/database';
import { MessageFrame } from '../../src/shared/protocol';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { TestAgent } from '../support/test-agent';

/**
 * Grammar-aware property-based fuzzing of agent frames over a real socket into a real core and SQLite file. Each
 * generated frame knows what the console must answer: an ack (a valid message), an error frame (anything invalid),
 * or nothing (a valid frame of another kind). `npm test` runs a short pass; `npm run fuzz` sets FUZZ_RUNS for a long one.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const MAX_FRAME = 64 * 1024;

type Expect = 'ack' | 'error' | 'none' | 'flood';
interface Generated {
  data: string | Buffer;
  binary?: boolean;
  /** Send as a text frame even though the bytes are not UTF-8. */
  rawText?: boolean;
  expect: Expect;
  id?: string;
}

let counter = 0;
const nextId = () => `fz-${++counter}`;
const base = (agent: 'a1' | 'a2', extra: Record<string, unknown> = {}) => ({
  type: 'message',
  agent_id: agent,
  id: nextId(),
  conversation_id: `direct:${agent}`,
  from: agent,
  to: 'operator',
  intent: 'chat',
  text: 'hello',
  timestamp: new Date().toISOString(),
  ...extra,
});
const json = (frame: object, expect: Expect): Generated => ({ data: JSON.stringify(frame), expect, id: (frame as { id?: string }).id });

const agentArb = fc.constantFrom<'a1' | 'a2'>('a1', 'a2');
const mutableField = fc.constantFrom('text', 'intent', 'priority', 'timestamp', 'data', 'reply_to', 'requires_response', 'response_timeout_s', 'seq');

/** The frames, by family: valid ones, classic breakages, and random mutations of a valid message. */
const frameArb: fc.Arbitrary<() => Generated> = fc.oneof(
  agentArb.map((a) => () => json(base(a), 'ack')),
  fc.tuple(agentArb, fc.string({ maxLength: 200 })).map(([a, text]) => () => json(base(a, { text }), 'ack')),
  fc.tuple(agentArb, fc.constantFrom('idle', 'busy', 'degraded')).map(([a, state]) => () => json({ type: 'status', agent_id: a, state }, 'none')),
  fc.tuple(agentArb, fc.double({ noNaN: true, noDefaultInfinity: true })).map(([a, value]) => () => json({ type: 'metric', agent_id: a, name: 'm', value }, 'none')),
  agentArb.map((a) => () => json({ type: 'alert', agent_id: a, id: nextId(), severity: 'info', title: 't', state: 'firing' }, 'none')),
  // Breakages, each with the answer it must get.
  agentArb.map((a) => () => ({ data: JSON.stringify(base(a)).slice(0, 20), expect: 'error' as const })),
  fc.constant(() => ({ data: Buffer.from([1, 2, 3]), binary: true, expect: 'error' as const })),
  agentArb.map((a) => () => ({ data: Buffer.concat([Buffer.from(JSON.stringify(base(a)).slice(0, -1)), Buffer.from([0xc3, 0x28, 0x7d])]), rawText: true, expect: 'error' as const })),
  // Built as text: the test must not overflow its own stack stringifying what it sends.
  fc.integer({ min: 65, max: 20_000 }).chain((levels) =>
    agentArb.map((a) => () => ({ data: JSON.stringify(base(a)).replace(/}$/, `,"data":{"x":${'['.repeat(levels)}${']'.repeat(levels)}}}`), expect: 'error' as const })),
  ),
  fc.integer({ min: 10_001, max: 20_000 }).chain((n) => agentArb.map((a) => () => json(base(a, { data: { x: new Array<number>(n).fill(0) } }), 'error'))),
  agentArb.map((a) => () => json(base(a, { text: 'y'.repeat(MAX_FRAME) }), 'error')),
  agentArb.map((a) => () => json(base(a, { intent: 42 }), 'error')),
  fc.constant(() => json({ type: 'teleport', id: nextId() }, 'error')),
  fc.constant(() => json({ ...base('a1'), agent_id: 'nobody' }, 'error')),
  fc.constant(() => json({ ...base('a1'), from: 'a2' }, 'error')),
  fc.constant(() => json({ ...base('a1'), conversation_id: 'direct:a2' }, 'error')),
  fc.jsonValue({ maxDepth: 3 }).map((value) => () => json({ v: value }, 'error')),
  // A random field of a valid message replaced by any JSON value: the schema is the oracle.
  fc.tuple(agentArb, mutableField, fc.jsonValue({ maxDepth: 4 })).map(([a, field, value]) => () => {
    const frame = { ...base(a), [field]: value };
    return json(frame, MessageFrame.safeParse(frame).success ? 'ack' : 'error');
  }),
  // A flood of valid frames: nothing to answer, nothing may be lost around it.
  agentArb.map((a) => () => ({ data: Array.from({ length: 300 }, () => JSON.stringify({ type: 'status', agent_id: a, state: 'busy' })).join('\n'), expect: 'flood' as const })),
);

test(`fuzz (${RUNS} runs): every valid frame is committed and acked, every invalid one gets an error, and the console stays up and answering`, async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1'), card('a2')]);
  t.after(() => agent.close());
  const core = createCore({
    dataDir,
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { maxFrameBytes: MAX_FRAME, badFrames: { threshold: 1e9, windowMs: 60_000 }, flood: { framesPerSecond: 1e9, burst: 1e9 } },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();
  const socket = (agent as unknown as { socket: { send(d: string | Buffer, o: object): void } }).socket;
  const acked: string[] = [];
  const rssStart = process.memoryUsage().rss;

  await fc.assert(
    fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 25 }), async (makers) => {
      const errorsBefore = agent.errors.length;
      let errorsExpected = 0;
      const acks: string[] = [];
      for (const make of makers) {
        const frame = make();
        if (frame.expect === 'flood') {
          for (const line of (frame.data as string).split('\n')) socket.send(line, { binary: false });
          continue;
        }
        socket.send(frame.data, { binary: frame.binary === true });
        if (frame.expect === 'error') errorsExpected += 1;
        if (frame.expect === 'ack') acks.push(frame.id!);
      }
      // A sentinel: once it is acked, everything sent before it has been answered (errors at once, acks by commit).
      const sentinel = base('a1');
      socket.send(JSON.stringify(sentinel), { binary: false });
      await agent.waitFor(() => agent.acks.has(sentinel.id), 'the sentinel ack', 20_000);
      assert.equal(agent.errors.length - errorsBefore, errorsExpected, 'one error frame per invalid frame');
      assert.deepEqual(acks.filter((id) => !agent.acks.has(id)), [], 'every valid message acked');
      acked.push(...acks, sentinel.id);
      const started = performance.now();
      const answer = await core.api.agents.list();
      assert.ok(answer.ok);
      assert.ok(performance.now() - started < 2000, 'the API answers within 2 s');
      assert.equal(agent.connected, true, 'the link stays up');
    }),
    { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
  );

  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  t.after(() => reader.close());
  const logged = new Set(reader.prepare("SELECT id FROM messages WHERE direction = 'in'").pluck().all() as string[]);
  assert.deepEqual(acked.filter((id) => !logged.has(id)), [], 'every acked message is in the log');
  const rssGrowthMb = (process.memoryUsage().rss - rssStart) / 2 ** 20;
  assert.ok(rssGrowthMb < 512, `RSS stays bounded (grew ${rssGrowthMb.toFixed(0)} MB)`);
});
