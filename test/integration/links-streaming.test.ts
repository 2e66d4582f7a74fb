import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { agentMessage, TestAgent } from '../support/test-agent';
import { nextEvent } from '../support/wait-for';

const delta = (id: string, text: string) => ({ type: 'delta', id, conversation_id: 'c1', text });

test('delta frames stream live, and the final message completes the reply', async (t) => {
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  await agent.waitForWelcome();

  const streamed: string[] = [];
  core.on('message:streamed', (s) => streamed.push(s.text));
  const second = nextEvent(core, 'message:streamed', (s) => s.text === 'Hello, wor');
  agent.send(delta('r1', 'Hello'));
  agent.send(delta('r1', ', wor'));
  await second;
  const done = nextEvent(core, 'message:changed', (m) => m.id === 'r1');
  agent.send(agentMessage('r1', 1, 'Hello, world.'));
  const final = await done;
  assert.deepEqual(streamed, ['Hello', 'Hello, wor']);
  assert.equal(final.text, 'Hello, world.');
  assert.equal(final.marks, undefined, 'a completed reply carries no interrupted mark');
});

test('an agent killed mid-stream leaves its partial reply in the log, marked interrupted; a resent final completes it', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } } });
  t.after(() => core.close());
  await agent.waitForWelcome();

  const streaming = nextEvent(core, 'message:streamed', (s) => s.text === 'The roadmap has three')
  agent.send(delta('r2', 'The roadmap'));
  agent.send(delta('r2', ' has three'));
  await streaming;
  const kept = nextEvent(core, 'message:changed', (m) => m.id === 'r2');
  await agent.stop();
  const partial = await kept;
  assert.equal(partial.text, 'The roadmap has three');
  assert.equal(partial.marks?.interrupted, true);
  const page = await core.api.messages.range({ conversationId: 'c1' });
  assert.ok(page.ok);
  assert.deepEqual(page.value.messages.map((m) => [m.id, m.text, m.marks?.interrupted]), [['r2', 'The roadmap has three', true]]);

  // The agent comes back and resends the whole reply (it never got an ack): the row is completed, not duplicated.
  await agent.restart();
  await agent.waitForWelcome(2);
  const completed = nextEvent(core, 'message:changed', (m) => m.id === 'r2' && m.marks?.interrupted === false);
  agent.send(agentMessage('r2', 1, 'The roadmap has three phases.'));
  assert.equal((await completed).text, 'The roadmap has three phases.');
  await agent.waitFor(() => agent.acks.has('r2'), 'ack of the completed reply');
  const after = await core.api.messages.range({ conversationId: 'c1' });
  assert.ok(after.ok);
  assert.deepEqual(after.value.messages.map((m) => [m.id, m.text]), [['r2', 'The roadmap has three phases.']]);
});
