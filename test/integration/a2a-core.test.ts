import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger, type Core } from '../../src/main/core';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import type { Message } from '../../src/shared/domain';
import { startA2aTestAgent } from '../support/a2a-test-agents';
import { tempDir } from '../support/temp-dir';
import { nextEvent } from '../support/wait-for';

function start(url: string, dataDir = tempDir()): Core {
  return createCore({ dataDir, endpoints: [{ url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } }, a2a: { cardPollMs: 100 } });
}

async function online(core: Core, agentId: string): Promise<void> {
  const agents = await core.api.agents.list();
  if (agents.ok && agents.value.some((a) => a.id === agentId && a.linkState === 'online')) return;
  await nextEvent(core, 'agent:changed', (a) => a.id === agentId && a.linkState === 'online');
}

async function send(core: Core, agentId: string, text: string, conversationId?: string): Promise<Message> {
  const sent = await core.api.messages.send({ agentId, text, ...(conversationId ? { conversationId } : {}) });
  assert.ok(sent.ok, JSON.stringify(sent));
  return sent.value;
}

async function conversation(core: Core, conversationId: string): Promise<Message[]> {
  const page = await core.api.messages.list({ conversationId });
  assert.ok(page.ok);
  return page.value.messages;
}

test('chat with an A2A agent through the core: logged first, sent with its log id, reply logged and delivered', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'instant', name: 'Echo' });
  t.after(() => agent.close());
  const core = start(agent.url);
  t.after(() => core.close());
  const agentId = agentIdOf(agent.url);
  await online(core, agentId);
  const listed = await core.api.agents.list();
  assert.ok(listed.ok);
  assert.equal(listed.value.find((a) => a.id === agentId)?.name, 'Echo');

  const reply = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  const delivered = nextEvent(core, 'message:changed', (m) => m.direction === 'out' && m.status === 'delivered');
  const sent = await send(core, agentId, 'hello there');
  const [received] = await agent.receivedCount(1);
  assert.equal(received!.messageId, sent.id);
  assert.equal(received!.contextId, sent.conversationId);
  assert.equal((await reply).text, 'Echo: hello there');
  await delivered;
  const log = await conversation(core, sent.conversationId);
  assert.deepEqual(log.map((m) => [m.direction, m.text]), [['out', 'hello there'], ['in', 'Echo: hello there']]);
  assert.equal(log[1]!.replyTo, sent.id);
});

test('streaming renders live as message:streamed, then the final reply is logged with the task state on the request', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'stream' });
  t.after(() => agent.close());
  const core = start(agent.url);
  t.after(() => core.close());
  const agentId = agentIdOf(agent.url);
  await online(core, agentId);
  const streamed: string[] = [];
  core.on('message:streamed', (s) => streamed.push(s.text));
  const final = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  const marked = nextEvent(core, 'message:changed', (m) => m.direction === 'out' && m.marks?.task?.state === 'completed');
  await send(core, agentId, 'forecast');
  assert.equal((await final).text, 'Forecast for Q3: up 4%.');
  assert.deepEqual(streamed, ['Forecast ', 'Forecast for ', 'Forecast for Q3: ', 'Forecast for Q3: up 4%.']);
  await marked;
});

test('agent down: messages wait in the outbox, then go out once each, in order, when it is back', async (t) => {
  const first = await startA2aTestAgent({ behaviour: 'instant' });
  const port = first.port;
  const url = first.url;
  const agentId = agentIdOf(url);
  const core = start(url);
  t.after(() => core.close());
  await online(core, agentId);
  await first.close();
  // Sent before the console notices: the refused request takes the link down and the message stays in the outbox.
  const queued = [await send(core, agentId, 'one')];
  await nextEvent(core, 'agent:changed', (a) => a.id === agentId && a.linkState !== 'online');
  for (const text of ['two', 'three']) queued.push(await send(core, agentId, text));
  assert.deepEqual(queued.slice(1).map((m) => m.status), ['queued', 'queued']);

  const again = await startA2aTestAgent({ behaviour: 'instant', port });
  t.after(() => again.close());
  const lastReply = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.text === 'Echo: three');
  const received = await again.receivedCount(3);
  await lastReply;
  assert.deepEqual(received.map((m) => m.messageId), queued.map((m) => m.id), 'in order, each with its log id');
  const log = await conversation(core, queued[0]!.conversationId);
  assert.deepEqual(log.filter((m) => m.direction === 'in').map((m) => m.text), ['Echo: one', 'Echo: two', 'Echo: three']);
  assert.equal(again.received.length, 3, 'delivered once each');
  assert.deepEqual(log.filter((m) => m.direction === 'out').map((m) => m.marks?.maybeDuplicate ?? false), [false, false, false], 'a refused send never reached the agent');
});

test('a failed task raises an alert with its message', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'fail', name: 'Fragile' });
  t.after(() => agent.close());
  const core = start(agent.url);
  t.after(() => core.close());
  const agentId = agentIdOf(agent.url);
  await online(core, agentId);
  const alert = nextEvent(core, 'alert:changed', (a) => a.agentId === agentId);
  await send(core, agentId, 'try');
  const raised = await alert;
  assert.equal(raised.title, 'Task failed: Fragile');
  assert.equal(raised.body, 'Model quota exhausted');
  assert.equal(raised.state, 'firing');
});
