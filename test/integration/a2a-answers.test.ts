import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger, type Core } from '../../src/main/core';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import type { Decision, Message } from '../../src/shared/domain';
import { startA2aTestAgent } from '../support/a2a-test-agents';
import { tempDir } from '../support/temp-dir';
import { nextAgent, nextEvent } from '../support/wait-for';

/** Every way of answering an A2A agent's question (input-required) settles its Needs-you card exactly once. */

function start(url: string, dataDir: string): Core {
  return createCore({ dataDir, endpoints: [{ url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } }, a2a: { cardPollMs: 100 } });
}

async function online(core: Core, agentId: string): Promise<void> {
  const agents = await core.api.agents.list();
  if (agents.ok && agents.value.some((a) => a.id === agentId && a.linkState === 'online')) return;
  await nextAgent(core, (a) => a.id === agentId && a.linkState === 'online');
}

async function send(core: Core, agentId: string, text: string, conversationId?: string): Promise<Message> {
  const sent = await core.api.messages.send({ agentId, text, ...(conversationId ? { conversationId } : {}) });
  assert.ok(sent.ok, JSON.stringify(sent));
  return sent.value;
}

async function taskOf(core: Core, request: Message): Promise<string | undefined> {
  const page = await core.api.messages.range({ conversationId: request.conversationId });
  assert.ok(page.ok);
  return page.value.messages.find((m) => m.id === request.id)?.marks?.task?.id;
}

async function decisions(core: Core, agentId: string): Promise<Decision[]> {
  const listed = await core.api.decisions.list({ agentId, limit: 50 });
  assert.ok(listed.ok);
  return listed.value;
}

test('an answer typed in the conversation continues the task and settles its Needs-you card once; no card comes back after restarts', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'ask' });
  t.after(() => agent.close());
  const agentId = agentIdOf(agent.url);
  const dataDir = tempDir();
  let core = start(agent.url, dataDir);
  await online(core, agentId);
  const asked = nextEvent(core, 'decision:changed', (d) => d.agentId === agentId && d.state === 'pending');
  const request = await send(core, agentId, 'forecast please');
  const question = await asked;
  await core.close();

  // Restarted while the question is open: the task is followed again and the same card stays, once, pending.
  core = start(agent.url, dataDir);
  t.after(() => core.close());
  const followed = nextEvent(core, 'message:changed', (m) => m.id === request.id && m.marks?.task?.state === 'input-required');
  await online(core, agentId);
  await followed;
  assert.deepEqual((await decisions(core, agentId)).map((d) => [d.id, d.state]), [[question.id, 'pending']]);

  const settled = nextEvent(core, 'decision:changed', (d) => d.id === question.id && d.state !== 'pending');
  const done = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.text === 'Forecast for APAC: up 4%.');
  const answer = await send(core, agentId, 'APAC', request.conversationId);
  const decided = await settled;
  assert.equal(decided.state, 'approved');
  assert.equal(decided.comment, 'APAC', 'the typed answer is the card’s answer');
  assert.equal(decided.decidedBy, 'operator');
  assert.equal(decided.auto, false);
  assert.notEqual(decided.resultAckedAt, null, 'nothing is left to send: the message was the answer');
  assert.equal((await done).replyTo, answer.id);
  const again = await core.api.decisions.decide({ agentId, id: question.id, outcome: 'approved', comment: 'EMEA' });
  assert.equal(!again.ok && again.error.code, 'CONFLICT', 'settled once: the card cannot be answered a second time');
  const received = await agent.receivedCount(2);
  assert.equal(received[1]!.taskId, request.marks?.task?.id ?? (await taskOf(core, request)), 'sent as the continuation of the task');
  await core.close();

  core = start(agent.url, dataDir);
  await online(core, agentId);
  // A message after the restart is the sync point: anything re-sent on reconnect would reach the agent before it.
  const next = nextEvent(core, 'decision:changed', (d) => d.agentId === agentId && d.id !== question.id);
  await send(core, agentId, 'and next quarter?');
  await next;
  const all = await decisions(core, agentId);
  assert.equal(all.find((d) => d.id === question.id)?.state, 'approved', 'not re-proposed after the restart');
  assert.equal(all.filter((d) => d.state === 'pending').length, 1, 'only the new question waits');
  assert.deepEqual(agent.received.map((m) => m.parts.map((p) => (p.content?.$case === 'text' ? p.content.value : '')).join('')), ['forecast please', 'APAC', 'and next quarter?']);
});

test('an answer from Needs you continues the task once: its result is delivered (acked), and neither re-sent nor re-proposed after a restart', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'ask' });
  t.after(() => agent.close());
  const agentId = agentIdOf(agent.url);
  const dataDir = tempDir();
  let core = start(agent.url, dataDir);
  await online(core, agentId);
  const asked = nextEvent(core, 'decision:changed', (d) => d.agentId === agentId && d.state === 'pending');
  const request = await send(core, agentId, 'forecast please');
  const question = await asked;

  const acked = nextEvent(core, 'decision:changed', (d) => d.id === question.id && d.resultAckedAt !== null);
  const done = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.text === 'Forecast for EMEA: up 4%.');
  const decided = await core.api.decisions.decide({ agentId, id: question.id, outcome: 'approved', comment: 'EMEA' });
  assert.ok(decided.ok, JSON.stringify(decided));
  assert.equal((await done).replyTo, request.id);
  assert.equal((await acked).comment, 'EMEA');
  const typedLater = await core.api.decisions.decide({ agentId, id: question.id, outcome: 'rejected' });
  assert.equal(!typedLater.ok && typedLater.error.code, 'CONFLICT');
  await core.close();

  core = start(agent.url, dataDir);
  t.after(() => core.close());
  await online(core, agentId);
  const next = nextEvent(core, 'decision:changed', (d) => d.agentId === agentId && d.id !== question.id);
  await send(core, agentId, 'and next quarter?');
  await next;
  const all = await decisions(core, agentId);
  assert.deepEqual(all.filter((d) => d.id === question.id).map((d) => d.state), ['approved'], 'one card, settled, not re-proposed');
  assert.deepEqual(agent.received.map((m) => m.parts.map((p) => (p.content?.$case === 'text' ? p.content.value : '')).join('')), ['forecast please', 'EMEA', 'and next quarter?'], 'the answer went once');
});
