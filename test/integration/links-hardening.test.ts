import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createCore, silentLogger } from '../../src/main/core';
import { DATABASE_FILE_NAME } from '../../src/main/core/store/database';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { agentMessage, TestAgent } from '../support/test-agent';
import { nextAgent, nextEvent } from '../support/wait-for';

const hello = (...ids: string[]) => ({ type: 'hello', protocol: PROTOCOL_VERSION, agents: ids.map((id) => card(id)) });

function loggedIds(dataDir: string): string[] {
  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return reader.prepare("SELECT id FROM messages WHERE direction = 'in' ORDER BY rowid").pluck().all() as string[];
  } finally {
    reader.close();
  }
}

test('finding 5: every connection starts unauthenticated, also after a redial; a frame before its hello is refused and moves no seq', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')], { hello: false });
  t.after(() => agent.close());
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 10 } } });
  t.after(() => core.close());

  await agent.waitFor(() => agent.connected, 'the first connection');
  agent.send(hello('a1'));
  await agent.waitForWelcome();
  agent.send(agentMessage('m1', 1, 'first'));
  await agent.waitFor(() => agent.acks.has('m1'), 'ack of m1');

  agent.disconnect();
  await agent.waitFor(() => agent.connections === 2 && agent.connected, 'the redial');
  // Before this connection's hello: a message with a huge seq, a status and a ping are all refused.
  agent.send(agentMessage('forged', 999_999, 'before hello'));
  agent.send({ type: 'status', state: 'busy' });
  agent.send({ type: 'ping', nonce: 'early' });
  await agent.waitFor(() => agent.errors.length >= 3, 'three error frames');
  assert.deepEqual(
    agent.errors.map((e) => [e.code, e.ref]),
    [
      ['HELLO_REQUIRED', 'forged'],
      ['HELLO_REQUIRED', undefined],
      ['HELLO_REQUIRED', undefined],
    ],
  );
  assert.equal(agent.acks.has('forged'), false);
  agent.send(hello('a1'));
  const welcome = await agent.waitForWelcome(2);
  assert.deepEqual(welcome.last_seq, { a1: 1 }, 'last_seq still stands for the real messages');
  assert.deepEqual(loggedIds(dataDir), ['m1']);
});

test('finding 6: a connection that never says hello is closed at the deadline, counted, shown, and redialed', async (t) => {
  const agent = await TestAgent.start([card('a1')], { hello: false });
  t.after(() => agent.close());
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { helloTimeoutMs: 150, backoff: { baseMs: 10, capMs: 10 } },
  });
  t.after(() => core.close());
  await agent.waitFor(() => agent.lastClose, 'the console to give up on the silent connection');
  assert.equal(agent.lastClose?.code, 1008);
  assert.equal(agent.errors[0]?.code, 'HELLO_TIMEOUT');
  await agent.waitFor(() => agent.connections >= 2, 'a redial');
  const endpoints = await core.api.endpoints.list();
  assert.ok(endpoints.ok);
  assert.ok((endpoints.value[0]?.health?.badFrames.HELLO_TIMEOUT ?? 0) >= 1, 'counted in the link health');

  // Once known, the agent's own detail shows the count too.
  agent.send(hello('a1'));
  await agent.waitForWelcome();
  agent.disconnect();
  const shown = await nextAgent(core, (a) => (a.health?.badFrames.HELLO_TIMEOUT ?? 0) >= 1, 10_000);
  assert.equal(shown.id, 'a1');
});

test('finding 10: a text frame of invalid UTF-8 gets INVALID_UTF8; the link and the frames around it are kept', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  await agent.waitForWelcome();
  agent.send(agentMessage('before', 1, 'kept'));
  // A text frame (binary: false) whose bytes are not UTF-8: 0xff never appears in UTF-8.
  const bad = Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
  (agent as unknown as { socket: { send(d: Buffer, o: object): void } }).socket.send(bad, { binary: false });
  agent.send(agentMessage('after', 2, 'kept too'));
  await agent.waitFor(() => agent.acks.has('before') && agent.acks.has('after'), 'acks around the bad frame');
  assert.deepEqual(
    agent.errors.map((e) => e.code),
    ['INVALID_UTF8'],
  );
  assert.equal(agent.connections, 1, 'never dropped');
  assert.equal(agent.lastClose, null);
  assert.deepEqual(loggedIds(dataDir), ['before', 'after']);
});

test('finding 3: depth, array, key and size bounds are checked at parse time, naming the limit; neighbours are kept', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  await agent.waitForWelcome();

  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  const withData = (id: string, seq: number, data: string) => JSON.stringify(agentMessage(id, seq, 'x')).replace(/}$/, `,"data":${data}}`);
  agent.send(agentMessage('ok1', 1, 'before'));
  agent.sendRaw(withData('deep', 2, deep(10_000)));
  agent.sendRaw(withData('wide', 3, `{"a":[${Array.from({ length: 20_000 }, () => 0).join(',')}]}`));
  agent.sendRaw(withData('keys', 4, JSON.stringify(Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, 0])))));
  agent.sendRaw(withData('big', 5, JSON.stringify({ s: 'y'.repeat(300 * 1024) })));
  agent.sendRaw(
    JSON.stringify({ type: 'decision', id: 'd-deep', summary: 's', reasoning: 'r', confidence: 0.5, context: JSON.parse(deep(100)) }),
  );
  agent.send(agentMessage('ok2', 6, 'after'));
  await agent.waitFor(() => agent.acks.has('ok2') && agent.errors.length >= 5, 'answers');
  assert.deepEqual(
    agent.errors.map((e) => [e.code, e.ref, String(e.message).match(/\((max\w+)\)/)?.[1]]),
    [
      ['SCHEMA_MISMATCH', 'deep', 'maxDepth'],
      ['SCHEMA_MISMATCH', 'wide', 'maxArrayItems'],
      ['SCHEMA_MISMATCH', 'keys', 'maxObjectKeys'],
      ['SCHEMA_MISMATCH', 'big', 'maxFreeFormChars'],
      ['SCHEMA_MISMATCH', 'd-deep', 'maxDepth'],
    ],
  );
  assert.deepEqual(loggedIds(dataDir), ['ok1', 'ok2']);
  agent.send(agentMessage('ok3', 7, 'the link ingests on'));
  await agent.waitFor(() => agent.acks.has('ok3'), 'ack of ok3');
});

test('finding 7: the flood limit counts alert, decision, status and metric frames too', async (t) => {
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { flood: { framesPerSecond: 1, burst: 20 }, badFrames: { threshold: 1_000_000, windowMs: 60_000 } },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();
  for (let i = 0; i < 100; i++) {
    const kind = i % 4;
    if (kind === 0) agent.send({ type: 'alert', id: `al${i}`, severity: 'info', title: 't', state: 'firing' });
    else if (kind === 1) agent.send({ type: 'decision', id: `d${i}`, summary: 's', reasoning: 'r', confidence: 0.5 });
    else if (kind === 2) agent.send({ type: 'status', state: 'busy' });
    else agent.send({ type: 'metric', name: 'm', value: i });
  }
  await agent.waitFor(() => agent.errors.length >= 75, 'RATE_LIMITED answers');
  assert.ok(agent.errors.every((e) => e.code === 'RATE_LIMITED'));
  const alerts = await core.api.alerts.list({ limit: 1000 });
  assert.ok(alerts.ok);
  assert.ok(alerts.value.length <= 10, `only the alerts within the burst were taken (${alerts.value.length})`);
});

test('finding 7: a burst of alerts is committed in batches, counted once per batch, and all of it is listed', async (t) => {
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  await agent.waitForWelcome();
  let countEvents = 0;
  core.on('attention:changed', () => (countEvents += 1));
  const seen = new Set<string>();
  const all = new Promise<void>((resolve) =>
    core.on('alert:changed', (alert) => {
      if (seen.add(alert.id).size === 2000) resolve();
    }),
  );
  for (let i = 0; i < 2000; i++) {
    agent.send({ type: 'alert', id: `al-${i}`, severity: i % 2 ? 'warning' : 'critical', title: `t${i}`, dedupe_key: `k${i}`, state: 'firing' });
  }
  await all;
  // Before: one transaction, one full recount and one attention event per alert frame.
  assert.ok(countEvents < 200, `badge and tray counts recomputed per batch, not per alert (${countEvents} events)`);
  const counts = await core.api.attention.counts();
  assert.ok(counts.ok);
  assert.equal(counts.value.firingAlerts, 2000);
  assert.equal(counts.value.criticalAlerts, 1000);
});

test('a re-send of a firing alert with the same id (after a reconnect) does not raise its count; a new id with its key does', async (t) => {
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 10 } } });
  t.after(() => core.close());
  await agent.waitForWelcome();
  const fire = (id: string) => ({ type: 'alert', id, severity: 'warning', title: 'Coverage low', dedupe_key: 'coverage', state: 'firing' });
  agent.send(fire('al-1'));
  await nextEvent(core, 'alert:changed', (a) => a.dedupeKey === 'agent:a1:coverage');
  agent.disconnect();
  await agent.waitForWelcome(2);
  agent.send(fire('al-1'));
  agent.send(fire('al-2'));
  const repeated = await nextEvent(core, 'alert:changed', (a) => a.dedupeKey === 'agent:a1:coverage' && a.count > 1);
  assert.equal(repeated.count, 2, 'the re-send of al-1 is not a repeat; al-2 is');
  const listed = await core.api.alerts.list({ limit: 10 });
  assert.ok(listed.ok);
  assert.deepEqual(
    listed.value.map((a) => a.count),
    [2],
  );
});

test('finding 3: a frame that fails its group commit is refused with INTERNAL and its id; its neighbours, from this and another link, are committed and acked', async (t) => {
  const dataDir = tempDir();
  const a = await TestAgent.start([card('a1')]);
  const b = await TestAgent.start([card('b1')]);
  t.after(() => a.close());
  t.after(() => b.close());
  // A wide batching window, so the poisoned frame and its neighbours from both links share one group commit.
  const core = createCore({ dataDir, endpoints: [{ url: a.url }, { url: b.url }], logger: silentLogger, ingest: { maxBatch: 1000, maxDelayMs: 200 } });
  t.after(() => core.close());
  await a.waitForWelcome();
  await b.waitForWelcome();
  // A real failure inside SQLite for one frame: a trigger on the log file (written by another connection) aborts it.
  const other = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME));
  other.exec("CREATE TRIGGER poison BEFORE INSERT ON messages WHEN new.text = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;");
  other.close();
  a.send(agentMessage('a-1', 1, 'before'));
  b.send(agentMessage('b-1', 1, 'other link', { from: 'b1', conversation_id: 'c-b' }));
  a.send(agentMessage('a-2', 2, 'poison'));
  a.send(agentMessage('a-3', 3, 'after'));
  await a.waitFor(() => a.acks.has('a-1') && a.acks.has('a-3') && a.errors.length > 0, 'acks around the poisoned frame');
  await b.waitFor(() => b.acks.has('b-1'), 'the other link ack');
  assert.deepEqual(
    a.errors.map((e) => [e.code, e.ref]),
    [['INTERNAL', 'a-2']],
  );
  assert.equal(a.acks.has('a-2'), false);
  assert.deepEqual(loggedIds(dataDir).sort(), ['a-1', 'a-3', 'b-1']);
});

test('finding 4: a hello claiming another endpoint\'s agent id is refused for that card (its other cards accepted), alerted, and reassignable', async (t) => {
  const dataDir = tempDir();
  const owner = await TestAgent.start([card('victim', { name: 'Victim', role: 'CFO' })]);
  const impostor = await TestAgent.start([card('victim', { name: 'Impostor', role: 'Thief' }), card('own')]);
  t.after(() => owner.close());
  t.after(() => impostor.close());
  const core = createCore({ dataDir, endpoints: [{ url: owner.url }], logger: silentLogger });
  t.after(() => core.close());
  await owner.waitForWelcome();
  const added = await core.api.endpoints.add({ url: impostor.url });
  assert.ok(added.ok);
  const welcome = await impostor.waitForWelcome();
  assert.deepEqual(Object.keys(welcome.last_seq as object), ['own'], 'only its own card was accepted');
  await impostor.waitFor(() => impostor.errors.length > 0, 'the refusal');
  assert.deepEqual(
    impostor.errors.map((e) => [e.code, e.ref]),
    [['AGENT_ID_TAKEN', 'victim']],
  );
  const agents = await core.api.agents.list();
  assert.ok(agents.ok);
  const victim = agents.value.find((a) => a.id === 'victim');
  assert.equal(victim?.name, 'Victim', 'name and role are not overwritten');
  assert.equal(victim?.role, 'CFO');
  assert.equal(agents.value.find((a) => a.id === 'own')?.linkState, 'online');
  const alerts = await core.api.alerts.list({ limit: 10 });
  assert.ok(alerts.ok);
  assert.equal(alerts.value.find((a) => a.rule === 'agent_id_taken')?.agentId, 'victim');
  const endpoints = await core.api.endpoints.list();
  assert.ok(endpoints.ok);
  assert.deepEqual(endpoints.value.find((e) => e.id === added.value.id)?.takenAgentIds, ['victim']);

  // The operator's message still goes to the owner, not the impostor.
  const sent = await core.api.messages.send({ agentId: 'victim', text: 'For the owner' });
  assert.ok(sent.ok);
  await owner.waitFor(() => owner.messages.some((m) => m.id === sent.value.id), 'the owner to get the message');
  assert.equal(impostor.messages.length, 0);

  // The operator decides the agent really moved: the new endpoint redials and is now accepted for it.
  const reassigned = await core.api.agents.reassign({ agentId: 'victim', endpointId: added.value.id });
  assert.ok(reassigned.ok);
  const second = await impostor.waitForWelcome(2);
  assert.deepEqual(Object.keys(second.last_seq as object).sort(), ['own', 'victim']);
  owner.send(agentMessage('old-owner', 5, 'no longer mine', { from: 'victim', conversation_id: 'direct:victim' }));
  await owner.waitFor(() => owner.errors.some((e) => e.ref === 'old-owner'), 'the old owner to be refused');
  assert.equal(owner.errors.find((e) => e.ref === 'old-owner')?.code, 'OUT_OF_SCOPE');
});

test('finding 4: a frame may speak only as its own agent, in its own conversations and rooms', async (t) => {
  const dataDir = tempDir();
  const victim = await TestAgent.start([card('victim'), card('helper')]);
  const spoofer = await TestAgent.start([card('spoofer')]);
  t.after(() => victim.close());
  t.after(() => spoofer.close());
  const core = createCore({ dataDir, endpoints: [{ url: victim.url }, { url: spoofer.url }], logger: silentLogger });
  t.after(() => core.close());
  await victim.waitForWelcome();
  await spoofer.waitForWelcome();
  victim.send(agentMessage('v-1', 1, 'started by the victim', { agent_id: 'victim', from: 'victim', conversation_id: 'victim-topic' }));
  await victim.waitFor(() => victim.acks.has('v-1'), 'the victim conversation');
  const room = await core.api.rooms.create({ name: 'Team', memberIds: ['spoofer', 'helper'] });
  assert.ok(room.ok, JSON.stringify(room));
  const other = await core.api.rooms.create({ name: 'Board', memberIds: ['victim', 'helper'] });
  assert.ok(other.ok);

  const as = (id: string, extra: Record<string, unknown>) => agentMessage(id, undefined, 'x', { from: 'spoofer', conversation_id: 'direct:spoofer', ...extra });
  spoofer.send(as('s-from', { from: 'victim' }));
  spoofer.send(as('s-direct', { conversation_id: 'direct:victim' }));
  spoofer.send(as('s-started', { conversation_id: 'victim-topic' }));
  spoofer.send(as('s-room', { conversation_id: `room:${other.value.id}` }));
  spoofer.send({ type: 'delta', id: 's-delta', conversation_id: 'direct:victim', text: 'x' });
  spoofer.send(as('ok-own', {}));
  spoofer.send(as('ok-room', { conversation_id: `room:${room.value.id}` }));
  await spoofer.waitFor(() => spoofer.acks.has('ok-own') && spoofer.acks.has('ok-room') && spoofer.errors.length >= 5, 'answers');
  assert.deepEqual(
    spoofer.errors.map((e) => [e.code, e.ref]),
    [
      ['OUT_OF_SCOPE', 's-from'],
      ['OUT_OF_SCOPE', 's-direct'],
      ['OUT_OF_SCOPE', 's-started'],
      ['OUT_OF_SCOPE', 's-room'],
      ['OUT_OF_SCOPE', 's-delta'],
    ],
  );
  assert.deepEqual(loggedIds(dataDir).sort(), ['ok-own', 'ok-room', 'v-1']);
});
