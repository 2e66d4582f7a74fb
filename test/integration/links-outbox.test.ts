import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { directConversationId } from '../../src/shared/domain';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { nextAgent, until } from '../support/wait-for';
import { TestAgent } from '../support/test-agent';

test('500 messages queued to an offline agent survive a restart and are delivered exactly once, in order', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const link = { backoff: { baseMs: 10, capMs: 50 } };
  const first = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link });
  await agent.waitForWelcome();
  const offline = nextAgent(first, (a) => a.linkState !== 'online');
  await agent.stop();
  await offline;

  const ids: string[] = [];
  for (let i = 0; i < 500; i++) {
    const sent = await first.api.messages.send({ agentId: 'a1', text: `queued ${i}` });
    assert.ok(sent.ok);
    assert.equal(sent.value.status, 'queued');
    ids.push(sent.value.id);
  }
  await first.close();

  const second = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link });
  t.after(() => second.close());
  // The agent acks each message, as a real one does, so the outbox empties.
  agent.onFrame((frame) => {
    if (frame.type === 'message') agent.send({ type: 'ack', id: frame.id });
  });
  await agent.restart();
  let delivered = 0;
  const off = second.on('message:changed', (m) => {
    if (m.status === 'delivered') delivered += 1;
  });
  await until((notify) => second.on('message:changed', notify), () => delivered === 500, 'all 500 delivered', 20_000);
  off();

  assert.deepEqual(agent.messages.map((m) => m.id), ids, 'each queued message went out once, in the order written');
  const page = await second.api.messages.range({ conversationId: directConversationId('a1'), limit: 500 });
  assert.ok(page.ok);
  assert.ok(page.value.messages.every((m) => m.status === 'delivered'));

  // Another reconnect finds an empty outbox: a new message is the only thing sent after the welcome.
  agent.disconnect();
  await agent.waitForWelcome(2);
  const probe = await second.api.messages.send({ agentId: 'a1', text: 'probe' });
  assert.ok(probe.ok);
  await agent.waitFor(() => agent.messages.some((m) => m.id === probe.value.id), 'the probe');
  assert.equal(agent.messages.length, 501);
});

test('a queued message can be cancelled: it is never sent, also after a restart; a sent one cannot be', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const link = { backoff: { baseMs: 10, capMs: 50 } };
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link });
  await agent.waitForWelcome();
  const offline = nextAgent(core, (a) => a.linkState !== 'online');
  await agent.stop();
  await offline;

  const keep = await core.api.messages.send({ agentId: 'a1', text: 'keep me' });
  const drop = await core.api.messages.send({ agentId: 'a1', text: 'cancel me' });
  assert.ok(keep.ok && drop.ok);
  const cancelled = await core.api.messages.cancel({ id: drop.value.id });
  assert.ok(cancelled.ok, JSON.stringify(cancelled));
  assert.equal(typeof cancelled.value.marks?.cancelledAt, 'number');
  await core.close();

  const reopened = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link });
  t.after(() => reopened.close());
  await agent.restart();
  await agent.waitFor(() => agent.messages.some((m) => m.id === keep.value.id), 'the kept message');
  // A message sent now follows the outbox on the same socket; when it arrives, the outbox has been replayed.
  const after = await reopened.api.messages.send({ agentId: 'a1', text: 'after' });
  assert.ok(after.ok);
  await agent.waitFor(() => agent.messages.some((m) => m.id === after.value.id), 'the later message');
  assert.deepEqual(agent.messages.map((m) => m.text), ['keep me', 'after']);

  const tooLate = await reopened.api.messages.cancel({ id: after.value.id });
  assert.deepEqual(tooLate.ok ? null : tooLate.error.code, 'CONFLICT');
  const page = await reopened.api.messages.range({ conversationId: directConversationId('a1') });
  assert.ok(page.ok);
  const shown = page.value.messages.find((m) => m.id === drop.value.id);
  assert.equal(typeof shown?.marks?.cancelledAt, 'number', 'the log still shows it, marked cancelled');
});
