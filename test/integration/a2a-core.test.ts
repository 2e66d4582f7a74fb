import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger, type Core } from '../../src/main/core';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import type { Message } from '../../src/shared/domain';
import { startA2aTestAgent } from '../support/a2a-test-agents';
import { tempDir } from '../support/temp-dir';
import { nextAgent, nextEvent } from '../support/wait-for';

function start(url: string, dataDir = tempDir()): Core {
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

async function conversation(core: Core, conversationId: string): Promise<Message[]> {
  const page = await core.api.messages.range({ conversationId });
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

  const reply = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && !m.data?.console_note);
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
  const final = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && !m.data?.console_note);
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
  await nextAgent(core, (a) => a.id === agentId && a.linkState !== 'online');
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

test('input-required: the question lands in Needs you; the answer from there continues the same task', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'ask' });
  t.after(() => agent.close());
  const core = start(agent.url);
  t.after(() => core.close());
  const agentId = agentIdOf(agent.url);
  await online(core, agentId);
  const asked = nextEvent(core, 'decision:changed', (d) => d.agentId === agentId && d.state === 'pending');
  const question = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && !m.data?.console_note);
  const request = await send(core, agentId, 'forecast please');
  const decision = await asked;
  assert.equal(decision.summary, 'Which region should I forecast?');
  assert.equal((await question).text, 'Which region should I forecast?');
  const agents = await core.api.agents.list();
  assert.ok(agents.ok);
  assert.equal(agents.value.find((a) => a.id === agentId)?.workState, 'waiting_approval', 'waiting for the operator');

  const answered = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.text === 'Forecast for EMEA: up 4%.');
  const decided = await core.api.decisions.decide({ agentId, id: decision.id, outcome: 'approved', comment: 'EMEA' });
  assert.ok(decided.ok, JSON.stringify(decided));
  const received = await agent.receivedCount(2);
  const reply = await answered;
  assert.equal(reply.conversationId, request.conversationId);
  assert.equal(reply.replyTo, request.id, 'the result answers the request that started the task');
  const log = await conversation(core, request.conversationId);
  const task = log.find((m) => m.id === request.id)?.marks?.task;
  assert.equal(task?.state, 'completed');
  assert.equal(received[1]!.taskId, task?.id, 'the answer was sent with the task id');
});

test('input-required: an answer typed in the conversation continues the same task', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'ask' });
  t.after(() => agent.close());
  const core = start(agent.url);
  t.after(() => core.close());
  const agentId = agentIdOf(agent.url);
  await online(core, agentId);
  const asked = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && !m.data?.console_note);
  const request = await send(core, agentId, 'forecast please');
  await asked;
  const done = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.text === 'Forecast for APAC: up 4%.');
  const answer = await send(core, agentId, 'APAC', request.conversationId);
  const reply = await done;
  assert.equal(reply.replyTo, answer.id);
  const received = await agent.receivedCount(2);
  const log = await conversation(core, request.conversationId);
  const taskId = log.find((m) => m.id === request.id)?.marks?.task?.id;
  assert.ok(taskId);
  assert.equal(received[1]!.taskId, taskId, 'sent with the waiting task id');
});

test('the operator cancels a running task; the reply says canceled', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'slow', durationMs: 20_000 });
  t.after(() => agent.close());
  const core = start(agent.url);
  t.after(() => core.close());
  const agentId = agentIdOf(agent.url);
  await online(core, agentId);
  const working = nextEvent(core, 'message:changed', (m) => m.direction === 'out' && m.marks?.task?.state === 'working');
  const request = await send(core, agentId, 'crunch');
  await working;
  const ended = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && !m.data?.console_note);
  const cancelled = await core.api.messages.cancel({ id: request.id });
  assert.ok(cancelled.ok, JSON.stringify(cancelled));
  const reply = await ended;
  assert.equal((reply.data?.task as { state: string }).state, 'canceled');
  const log = await conversation(core, request.conversationId);
  assert.equal(log.find((m) => m.id === request.id)?.marks?.task?.state, 'canceled');
  assert.equal(log.filter((m) => m.direction === 'in').length, 1, 'one reply, though the stream and the cancel both report the end');
});

test('the console killed with -9 during a running task: on restart the task is resumed and its result logged once', async (t) => {
  const { spawn } = await import('node:child_process');
  const path = await import('node:path');
  const agent = await startA2aTestAgent({ behaviour: 'slow', durationMs: 1500 });
  t.after(() => agent.close());
  const dataDir = tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../support/a2a-core-child.ts'), dataDir, agent.url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => child.kill('SIGKILL'));
  const requestId = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /working (\S+)\n/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code} before the task ran`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  const core = start(agent.url, dataDir);
  t.after(() => core.close());
  const result = await nextEvent(core, 'message:changed', (m) => m.direction === 'in' && !m.data?.console_note && m.replyTo === requestId);
  assert.equal(result.text, 'Finished: crunch the numbers');
  const log = await conversation(core, result.conversationId);
  assert.equal(log.filter((m) => m.direction === 'in' && !m.data?.console_note).length, 1, 'the result is logged once');
  assert.equal(log.find((m) => m.id === requestId)?.marks?.task?.state, 'completed');
  assert.equal(agent.received.length, 1, 'the message was never sent again');
});

test("a bearer token goes as the card's securitySchemes say; without it the endpoint says 401 and the message waits", async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'instant', bearerToken: 's3cret' });
  t.after(() => agent.close());
  const agentId = agentIdOf(agent.url);
  const withToken = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url, token: 's3cret' }], logger: silentLogger });
  t.after(() => withToken.close());
  await online(withToken, agentId);
  const replied = nextEvent(withToken, 'message:changed', (m) => m.direction === 'in');
  await send(withToken, agentId, 'let me in');
  assert.equal((await replied).text, 'Echo: let me in');

  const without = start(agent.url);
  t.after(() => without.close());
  await online(without, agentId);
  const refused = nextEvent(without, 'endpoint:changed', (e) => /401/.test(e.lastError ?? ''));
  const waiting = await send(without, agentId, 'let me in too');
  assert.match((await refused).lastError ?? '', /credential .*\(HTTP 401\)/);
  const log = await conversation(without, waiting.conversationId);
  assert.equal(log.find((m) => m.id === waiting.id)?.status !== 'delivered', true, 'still in the outbox');
  assert.equal(agent.received.length, 1, 'only the authorised message reached the agent');
});
