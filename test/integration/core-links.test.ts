import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startDemoFleet } from '../../src/agent-kit/demo/demo-fleet';
import { createCore, silentLogger } from '../../src/main/core';
import { DATABASE_FILE_NAME } from '../../src/main/core/store/database';
import { directConversationId } from '../../src/shared/domain';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { nextAgent, nextEvent } from '../support/wait-for';

const now = () => new Date().toISOString();

function agentMessage(id: string, seq: number, text: string) {
  return { type: 'message', id, seq, conversation_id: 'c1', from: 'a1', to: 'operator', intent: 'chat', text, timestamp: now() };
}

test('a message to a demo twin is delivered, answered, and both are in the log after a restart', async (t) => {
  const dataDir = tempDir();
  const fleet = await startDemoFleet({ activity: 'quiet' });
  t.after(() => fleet.close());
  const endpoints = fleet.urls.map((url) => ({ url }));

  const core = createCore({ dataDir, endpoints, logger: silentLogger });
  await nextAgent(core, (a) => a.id === 'cmo-twin' && a.linkState === 'online');
  const reply = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.agentId === 'cmo-twin');
  const delivered = nextEvent(core, 'message:changed', (m) => m.direction === 'out' && m.status === 'delivered');
  const sent = await core.api.messages.send({ agentId: 'cmo-twin', text: 'How is the campaign doing?' });
  assert.ok(sent.ok, JSON.stringify(sent));
  assert.equal((await delivered).id, sent.value.id);
  assert.match((await reply).text ?? '', /Ship Faster/);
  assert.equal((await reply).replyTo, sent.value.id);
  await core.close();

  const reopened = createCore({ dataDir, logger: silentLogger });
  t.after(() => reopened.close());
  const page = await reopened.api.messages.range({ conversationId: directConversationId('cmo-twin') });
  assert.ok(page.ok);
  assert.deepEqual(
    page.value.messages.map((m) => [m.direction, m.status]),
    [
      ['out', 'delivered'],
      ['in', 'received'],
    ],
  );
});

test('an agent message is acked only once it is committed, and a resent one is not logged twice', async (t) => {
  const dataDir = tempDir();
  const agent = await RawAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  await agent.waitForFrame((f) => f.type === 'welcome', 'welcome');

  agent.send(agentMessage('m1', 1, 'first'));
  await agent.waitForFrame((f) => f.type === 'ack' && f.id === 'm1', 'ack of m1');
  // A second connection to the file sees the row the moment the ack arrives: the commit came first.
  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  t.after(() => reader.close());
  assert.equal(reader.prepare('SELECT text FROM messages WHERE id = ?').pluck().get('m1'), 'first');

  agent.send(agentMessage('m1', 1, 'first'));
  await agent.waitForFrame((f) => f.type === 'ack' && f.id === 'm1' && agent.received.filter((x) => x.id === 'm1').length === 2, 'second ack of m1');
  assert.equal(reader.prepare("SELECT COUNT(*) FROM messages WHERE id = 'm1'").pluck().get(), 1);
});

test('welcome tells a reconnecting agent the last seq committed, so it can resume', async (t) => {
  const dataDir = tempDir();
  const agent = await RawAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } } });
  t.after(() => core.close());
  const first = await agent.waitForFrame((f) => f.type === 'welcome', 'welcome');
  assert.deepEqual(first.last_seq, { a1: 0 });
  for (let seq = 1; seq <= 3; seq++) agent.send(agentMessage(`m${seq}`, seq, `n${seq}`));
  await agent.waitForFrame((f) => f.type === 'ack' && f.id === 'm3', 'ack of m3');

  agent.received.length = 0;
  agent.disconnect();
  const second = await agent.waitForFrame((f) => f.type === 'welcome', 'welcome after reconnect');
  assert.deepEqual(second.last_seq, { a1: 3 });
});

test('messages to an offline agent wait in the outbox and go out in order when it connects', async (t) => {
  const dataDir = tempDir();
  const agent = await RawAgent.start([card('a1')]);
  const port = agent.port;
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 100 } } });
  t.after(() => core.close());
  await agent.waitForFrame((f) => f.type === 'welcome', 'welcome');
  const offline = nextAgent(core, (a) => a.linkState !== 'online');
  await agent.close();
  await offline;

  const ids: string[] = [];
  for (const text of ['one', 'two', 'three']) {
    const result = await core.api.messages.send({ agentId: 'a1', text });
    assert.ok(result.ok);
    assert.equal(result.value.status, 'queued');
    ids.push(result.value.id);
  }

  const back = await RawAgent.start([card('a1')], port);
  t.after(() => back.close());
  await back.waitForFrame((f) => f.type === 'message' && f.id === ids[2], 'the last queued message');
  const delivered = back.received.filter((f) => f.type === 'message').map((f) => f.id);
  assert.deepEqual(delivered, ids);
});

test('bad frames are answered with error frames and the valid ones around them are kept', async (t) => {
  const dataDir = tempDir();
  const agent = await RawAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  await agent.waitForFrame((f) => f.type === 'welcome', 'welcome');

  agent.send(agentMessage('ok-1', 1, 'before'));
  agent.sendRaw('{not json');
  agent.sendRaw(Buffer.from([1, 2, 3]));
  agent.send({ type: 'message', id: 'bad-1' });
  agent.send({ ...agentMessage('ghost-1', 2, 'x'), agent_id: 'nobody' });
  agent.send(agentMessage('ok-2', 3, 'after'));
  await agent.waitForFrame((f) => f.type === 'ack' && f.id === 'ok-2', 'ack of ok-2');

  const codes = agent.received.filter((f) => f.type === 'error').map((f) => f.code);
  assert.deepEqual(codes, ['INVALID_JSON', 'BINARY_NOT_SUPPORTED', 'SCHEMA_MISMATCH', 'UNKNOWN_AGENT']);
  const schemaError = agent.received.find((f) => f.code === 'SCHEMA_MISMATCH');
  assert.equal(schemaError?.ref, 'bad-1');
  const page = await core.api.messages.range({ conversationId: 'c1' });
  assert.ok(page.ok);
  assert.deepEqual(page.value.messages.map((m) => m.text), ['before', 'after']);
});

test('an unreachable endpoint is reported in words, not thrown', async (t) => {
  const dataDir = tempDir();
  const agent = await RawAgent.start([card('a1')]);
  const url = agent.url;
  await agent.close();
  const core = createCore({ dataDir, logger: silentLogger, link: { backoff: { baseMs: 10_000, capMs: 10_000 } } });
  t.after(() => core.close());
  const offline = nextEvent(core, 'endpoint:changed', (e) => e.linkState === 'offline' && e.lastError !== null);
  const added = await core.api.endpoints.add({ url });
  assert.ok(added.ok);
  assert.match((await offline).lastError ?? '', /Nothing is listening/);
  const duplicate = await core.api.endpoints.add({ url });
  assert.deepEqual(duplicate.ok ? null : duplicate.error.code, 'CONFLICT');
});
