import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createCore, silentLogger } from '../../src/main/core';
import { DATABASE_FILE_NAME } from '../../src/main/core/store/database';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { agentMessage, TestAgent } from '../support/test-agent';

/** Small deterministic PRNG, so a failing fuzz run can be replayed exactly. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_FRAME = 2048;

/** One malformed frame of a random kind, and the error code the console must answer it with. */
function malformed(random: () => number, n: number): { data: string | Buffer; code: string } {
  const kind = Math.floor(random() * 7);
  switch (kind) {
    case 0:
      return { data: JSON.stringify(agentMessage(`x${n}`, undefined, 'cut')).slice(0, 10 + Math.floor(random() * 40)), code: 'INVALID_JSON' };
    case 1:
      return { data: Buffer.from([0, 1, 2, n & 255]), code: 'BINARY_NOT_SUPPORTED' };
    case 2:
      return { data: JSON.stringify({ ...agentMessage(`x${n}`, undefined, 'bad'), intent: 'dance' }), code: 'SCHEMA_MISMATCH' };
    case 3:
      return { data: JSON.stringify({ type: 'teleport', id: `x${n}` }), code: 'SCHEMA_MISMATCH' };
    case 4:
      return { data: JSON.stringify({ ...agentMessage(`x${n}`, undefined, 'ghost'), agent_id: 'nobody' }), code: 'UNKNOWN_AGENT' };
    case 5:
      return { data: JSON.stringify(agentMessage(`x${n}`, undefined, 'y'.repeat(MAX_FRAME))), code: 'FRAME_TOO_LARGE' };
    default:
      return random() < 0.5 ? { data: '', code: 'INVALID_JSON' } : { data: '[1,2,3]', code: 'SCHEMA_MISMATCH' };
  }
}

test('fuzz: 10,000 malformed frames among valid ones; every valid one is kept, every bad one answered and counted', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({
    dataDir,
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { maxFrameBytes: MAX_FRAME, badFrames: { threshold: 1_000_000, windowMs: 60_000 }, flood: { framesPerSecond: 1e9, burst: 1e9 } },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();

  const random = mulberry32(20240601);
  const expectedCodes = new Map<string, number>();
  const valid: string[] = [];
  let bad = 0;
  let seq = 0;
  while (bad < 10_000) {
    if (random() < 0.2) {
      const id = `ok-${++seq}`;
      valid.push(id);
      agent.send(agentMessage(id, seq, `valid ${seq}`));
    } else {
      const { data, code } = malformed(random, bad);
      expectedCodes.set(code, (expectedCodes.get(code) ?? 0) + 1);
      agent.sendRaw(data);
      bad += 1;
    }
  }
  await agent.waitFor(() => agent.errors.length >= 10_000 && valid.every((id) => agent.acks.has(id)), 'all answers', 60_000);

  assert.equal(agent.errors.length, 10_000, 'exactly one error frame per bad frame');
  const answered = new Map<string, number>();
  for (const e of agent.errors) answered.set(e.code as string, (answered.get(e.code as string) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries([...answered].sort()), Object.fromEntries([...expectedCodes].sort()));
  assert.equal(agent.connected, true, 'the link stayed open: the threshold was set above the fuzz volume');

  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  t.after(() => reader.close());
  const logged = reader.prepare("SELECT id FROM messages WHERE direction = 'in' ORDER BY rowid").pluck().all();
  assert.deepEqual(logged, valid, 'every valid frame is logged once, in the order sent');

  const agents = await core.api.agents.list();
  assert.ok(agents.ok);
  const counts = agents.value.find((a) => a.id === 'a1')?.health?.badFrames;
  assert.deepEqual(counts, Object.fromEntries(answered), 'the agent detail shows the counts by code');
});

test('past the bad-frame threshold the link is closed with 1008, and redialed', async (t) => {
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { badFrames: { threshold: 5, windowMs: 60_000 }, backoff: { baseMs: 10, capMs: 20 } },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();
  for (let i = 0; i < 5; i++) agent.sendRaw('{oops');
  agent.send(agentMessage('between', 1, 'still kept'));
  await agent.waitFor(() => agent.acks.has('between'), 'ack of the valid frame');
  assert.equal(agent.connected, true, 'five bad frames are tolerated');
  agent.sendRaw('{oops');
  await agent.waitFor(() => agent.lastClose, 'the console to close the link');
  assert.equal(agent.lastClose?.code, 1008);
  assert.equal(agent.errors.length, 6, 'the sixth bad frame was still answered before the close');
  await agent.waitForWelcome(2);
});

test('oversize frames are answered with FRAME_TOO_LARGE, and past the threshold closed with 1009', async (t) => {
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { maxFrameBytes: 1024, badFrames: { threshold: 2, windowMs: 60_000 }, backoff: { baseMs: 5_000, capMs: 5_000 } },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();
  const big = JSON.stringify(agentMessage('big', 1, 'z'.repeat(2000)));
  agent.sendRaw(big);
  agent.send(agentMessage('small', 1, 'fits'));
  await agent.waitFor(() => agent.acks.has('small'), 'ack of the small frame');
  assert.deepEqual(agent.errors.map((e) => [e.code, e.ref]), [['FRAME_TOO_LARGE', undefined]]);
  agent.sendRaw(big);
  agent.sendRaw(big);
  await agent.waitFor(() => agent.lastClose, 'the close');
  assert.equal(agent.lastClose?.code, 1009);
  const endpoints = await core.api.endpoints.list();
  assert.ok(endpoints.ok);
  assert.match(endpoints.value[0]?.lastError ?? '', /bad frames.*FRAME_TOO_LARGE/);
});

test('a flood is refused with RATE_LIMITED; refused messages are not acked, accepted ones are logged', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({
    dataDir,
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { flood: { framesPerSecond: 1, burst: 50 }, badFrames: { threshold: 1_000_000, windowMs: 60_000 } },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();
  const ids = Array.from({ length: 200 }, (_, i) => `f${i}`);
  ids.forEach((id, i) => agent.send(agentMessage(id, i + 1, 'flood')));
  await agent.waitFor(() => agent.acks.size + agent.errors.length >= 200, 'an answer to every frame');
  const limited = agent.errors.filter((e) => e.code === 'RATE_LIMITED').length;
  assert.ok(limited >= 140, `most of the flood was refused (${limited})`);
  assert.equal(agent.acks.size + limited, 200);
  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  t.after(() => reader.close());
  const logged = new Set(reader.prepare('SELECT id FROM messages').pluck().all() as string[]);
  assert.deepEqual([...agent.acks.keys()].filter((id) => !logged.has(id)), [], 'every acked message is logged');
  assert.equal(logged.size, agent.acks.size);
});
