import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger, type Core } from '../../src/main/core';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import type { Message } from '../../src/shared/domain';
import { startA2aV03Server } from '../support/a2a-v03-server';
import { tempDir } from '../support/temp-dir';
import { nextAgent, nextEvent } from '../support/wait-for';

/** Agents on the 0.3 wire (built on @a2a-js/sdk 0.2/0.3) work through the SDK client's v0.3 compatibility layer. */

function start(url: string): Core {
  return createCore({ dataDir: tempDir(), endpoints: [{ url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } }, a2a: { cardPollMs: 100 } });
}

async function conversation(core: Core, conversationId: string): Promise<Message[]> {
  const page = await core.api.messages.range({ conversationId });
  assert.ok(page.ok);
  return page.value.messages;
}

test('a 0.3 agent, non-streaming: its card becomes the agent and a chat goes as message/send with the log id', async (t) => {
  const agent = await startA2aV03Server({ streaming: false, name: 'Legacy echo' });
  t.after(() => agent.close());
  const core = start(agent.url);
  t.after(() => core.close());
  const agentId = agentIdOf(agent.url);
  const online = await nextAgent(core, (a) => a.id === agentId && a.linkState === 'online');
  assert.equal(online.name, 'Legacy echo');
  assert.deepEqual(online.capabilities, ['Echo'], 'skills by name');

  const replied = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  const sent = await core.api.messages.send({ agentId, text: 'hello old friend' });
  assert.ok(sent.ok, JSON.stringify(sent));
  const reply = await replied;
  assert.equal(reply.text, 'v0.3 echo: hello old friend');
  assert.equal(reply.replyTo, sent.value.id);
  assert.deepEqual(agent.methods, ['message/send'], 'the 0.3 method, not SendMessage');
  assert.equal(agent.received[0]!.messageId, sent.value.id);
  assert.equal(agent.received[0]!.contextId, sent.value.conversationId);
});

test('a 0.3 agent, streaming: message/stream renders live and the final reply is logged once with the task state', async (t) => {
  const agent = await startA2aV03Server({ streaming: true });
  t.after(() => agent.close());
  const core = start(agent.url);
  t.after(() => core.close());
  const agentId = agentIdOf(agent.url);
  await nextAgent(core, (a) => a.id === agentId && a.linkState === 'online');

  const streamed = nextEvent(core, 'message:streamed', (s) => s.agentId === agentId);
  const replied = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  const sent = await core.api.messages.send({ agentId, text: 'stream it' });
  assert.ok(sent.ok, JSON.stringify(sent));
  assert.match((await streamed).text, /^v0\.3 /);
  const reply = await replied;
  assert.equal(reply.text, 'v0.3 echo: stream it');
  assert.equal(agent.methods[0], 'message/stream');
  const log = await conversation(core, sent.value.conversationId);
  assert.equal(log.filter((m) => m.direction === 'in').length, 1);
  assert.equal(log.find((m) => m.id === sent.value.id)?.marks?.task?.state, 'completed');
});
