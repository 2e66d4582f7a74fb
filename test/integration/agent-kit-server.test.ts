import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentDefinition, DecisionResult } from '../../src/agent-kit';
import { AgentServer, serveAgent, serveGateway } from '../../src/agent-kit';
import { RawConsole } from '../support/raw-console';

const echo = (id: string, extra: Partial<AgentDefinition> = {}): AgentDefinition => ({
  card: { id, name: `${id} name`, role: 'Tester', department: 'QA' },
  intents: {
    chat: (message, agent) => {
      const stream = agent.stream(message);
      for (const word of ['you ', 'said: ', message.text ?? '']) stream.write(word);
      stream.end();
    },
  },
  ...extra,
});

async function connected(server: AgentServer, lastSeq: Record<string, number> = {}) {
  const raw = await RawConsole.connect(server.url);
  raw.welcome(lastSeq);
  return raw;
}

test('a direct agent says hello with its card, acks a message and streams its reply as deltas, then the message', async (t) => {
  const server = await serveAgent(echo('a1'), { heartbeatMs: 0 });
  t.after(() => server.close());
  const raw = await connected(server);
  t.after(() => raw.close());

  assert.deepEqual(raw.hello.agents, [{ id: 'a1', name: 'a1 name', role: 'Tester', department: 'QA', capabilities: [], intents: ['chat'] }]);
  const id = raw.chat('a1', 'hi there');
  await raw.waitFor((f) => f.type === 'ack' && f.id === id, 'ack');
  const reply = await raw.waitFor((f) => f.type === 'message' && f.reply_to === id, 'reply');
  const deltas = raw.of('delta').filter((d) => d.id === reply.id);
  assert.deepEqual(deltas.map((d) => d.text), ['you ', 'said: ', 'hi there']);
  assert.equal(reply.text, 'you said: hi there');
  assert.equal(reply.seq, 1);
  assert.equal(reply.conversation_id, 'direct:a1');
  assert.equal(reply.to, 'operator');
  assert.equal('agent_id' in reply, false, 'a direct link leaves agent_id out');
  assert.deepEqual(raw.invalid, []);
});

test('messages sent while no console is connected wait, and after welcome only those past last_seq are resent', async (t) => {
  const server = await serveAgent(echo('a1'), { heartbeatMs: 0 });
  t.after(() => server.close());
  const agent = server.agent('a1');
  const texts = ['one', 'two', 'three'];
  for (const text of texts) agent.send({ conversation_id: 'reports', to: 'operator', intent: 'share_insights', text });

  const first = await connected(server, { a1: 0 });
  await first.waitFor((f) => f.type === 'message' && f.text === 'three', 'the third message');
  assert.deepEqual(first.of('message').map((m) => [m.seq, m.text]), [[1, 'one'], [2, 'two'], [3, 'three']]);
  first.send({ type: 'ack', id: first.of('message')[0]!.id });
  first.close();
  await first.waitForClose();

  // The console committed seq 2 but its ack of it never arrived: seq 3 alone comes again.
  const second = await connected(server, { a1: 2 });
  t.after(() => second.close());
  await second.waitFor((f) => f.type === 'message', 'a resent message');
  agent.send({ conversation_id: 'reports', to: 'operator', intent: 'share_insights', text: 'four' });
  await second.waitFor((f) => f.type === 'message' && f.text === 'four', 'the new message');
  assert.deepEqual(second.of('message').map((m) => [m.seq, m.text]), [[3, 'three'], [4, 'four']]);
  second.send({ type: 'ack', id: second.of('message')[1]!.id });
  // Frames are handled in order, so the pong proves the ack before it was handled.
  second.send({ type: 'ping', nonce: 'barrier' });
  await second.waitFor((f) => f.type === 'pong', 'pong');
  assert.equal(agent.unackedCount, 1, 'only "three" is still waiting for an ack');
});

test('a restarted agent numbers its first messages after the seq the console committed', async (t) => {
  const server = await serveAgent(echo('a1'), { heartbeatMs: 0 });
  t.after(() => server.close());
  server.agent('a1').send({ conversation_id: 'reports', to: 'operator', intent: 'chat', text: 'after restart' });
  const raw = await connected(server, { a1: 57 });
  t.after(() => raw.close());
  const message = await raw.waitFor((f) => f.type === 'message', 'the message');
  assert.equal(message.seq, 58);
  const reply = raw.chat('a1', 'next');
  assert.equal((await raw.waitFor((f) => f.type === 'message' && f.reply_to === reply, 'reply')).seq, 59);
});

test('bad frames get error frames with a code, and the agent keeps serving the valid ones', async (t) => {
  const failing = echo('a1', {
    intents: {
      chat: () => {
        throw new Error('handler bug');
      },
    },
  });
  const errors: unknown[] = [];
  const server = await serveGateway([failing, echo('a2')], { heartbeatMs: 0, onError: (error) => errors.push(error) });
  t.after(() => server.close());
  const raw = await connected(server);
  t.after(() => raw.close());

  raw.sendRaw('{oops');
  raw.sendRaw(Buffer.from([0xde, 0xad]));
  raw.send({ type: 'message', id: 'm-bad' });
  raw.chat('nobody', 'hello?', { id: 'm-ghost', agent_id: 'nobody' });
  raw.chat('a1', 'boom', { id: 'm-boom', agent_id: 'a1' });
  raw.chat('a2', 'still there?', { id: 'm-ok', agent_id: 'a2' });
  await raw.waitFor((f) => f.type === 'message' && f.reply_to === 'm-ok', 'the reply to the valid message');
  await raw.waitFor((f) => f.type === 'error' && f.code === 'INTERNAL', 'the handler failure');

  const refused = raw.of('error').map((f) => [f.code, f.ref]);
  assert.deepEqual(refused, [
    ['INVALID_JSON', undefined],
    ['BINARY_NOT_SUPPORTED', undefined],
    ['SCHEMA_MISMATCH', 'm-bad'],
    ['UNKNOWN_AGENT', 'm-ghost'],
    ['INTERNAL', 'm-boom'],
  ]);
  assert.equal(errors.length, 1);
  assert.deepEqual(raw.invalid, []);
});

test('a gateway scopes every frame by agent_id and replays status, firing alerts and pending decisions on welcome', async (t) => {
  const results: DecisionResult[] = [];
  const server = await serveGateway([echo('a1', { onDecisionResult: (r) => results.push(r) }), echo('a2')], { heartbeatMs: 0 });
  t.after(() => server.close());
  const a1 = server.agent('a1');
  a1.status('monitoring', 'watching');
  const kept = a1.alert({ severity: 'warning', title: 'Pipeline coverage below 2x', dedupe_key: 'coverage' });
  const gone = a1.alert({ severity: 'info', title: 'Transient' });
  a1.resolveAlert(gone);
  const decision = a1.propose({ summary: 'Run a poll', reasoning: 'Engagement dropped 15% in 2 minutes', confidence: 0.8 });
  a1.metric('dropped_while_offline', 1);

  const raw = await connected(server);
  t.after(() => raw.close());
  await raw.waitFor((f) => f.type === 'decision', 'the pending decision');
  assert.deepEqual(
    raw.received.filter((f) => f.type !== 'hello').map((f) => [f.type, f.agent_id]),
    [['status', 'a1'], ['alert', 'a1'], ['decision', 'a1']],
  );
  assert.equal(raw.of('alert')[0]!.id, kept);

  server.agent('a2').metric('queue_depth', 12, 'jobs');
  await raw.waitFor((f) => f.type === 'metric', 'a live metric');
  assert.deepEqual(raw.of('metric')[0], { type: 'metric', agent_id: 'a2', name: 'queue_depth', value: 12, unit: 'jobs' });

  a1.resolveAlert(kept);
  await raw.waitFor((f) => f.type === 'alert' && f.state === 'resolved', 'the resolved alert');

  raw.send({ type: 'decision_result', agent_id: 'a1', id: decision.id, outcome: 'approved', comment: 'go' });
  const settled = await decision.result;
  assert.equal(settled.outcome, 'approved');
  await raw.waitFor((f) => f.type === 'ack' && f.id === decision.id, 'the ack of the decision result');
  raw.send({ type: 'decision_result', agent_id: 'a1', id: decision.id, outcome: 'approved' });
  await raw.waitFor((f) => f.type === 'ack' && f.id === decision.id && raw.of('ack').length === 2, 'the second ack');
  assert.equal(results.length, 1, 'a resent result settles nothing twice');

  raw.send({ type: 'set_mode', agent_id: 'a2', mode: 'auto' });
  raw.send({ type: 'ping', nonce: 'n1' });
  await raw.waitFor((f) => f.type === 'pong' && f.nonce === 'n1', 'pong');
  assert.equal(server.agent('a2').mode, 'auto');
  assert.equal(server.agent('a1').mode, 'manual');

  const again = await connected(server);
  t.after(() => again.close());
  await again.waitFor((f) => f.type === 'status', 'the replayed status');
  assert.deepEqual(again.received.filter((f) => f.type !== 'hello').map((f) => f.type), ['status'], 'nothing resolved or settled is replayed');
  assert.deepEqual([...raw.invalid, ...again.invalid], []);
});

test('an intent without a handler gets a polite reply that names it', async (t) => {
  const server = await serveAgent(echo('a1'), { heartbeatMs: 0 });
  t.after(() => server.close());
  const raw = await connected(server);
  t.after(() => raw.close());
  const id = raw.chat('a1', 'plan Q1', { intent: 'get_roadmap' });
  const reply = await raw.waitFor((f) => f.type === 'message' && f.reply_to === id, 'reply');
  assert.match(String(reply.text), /does not handle "get_roadmap"/);
  assert.deepEqual(reply.data, { unsupported_intent: 'get_roadmap' });
  assert.equal(reply.intent, 'get_roadmap');
});

test('the agent pings the console, and drops a console that stops answering', async (t) => {
  const server = await serveAgent(echo('a1'), { heartbeatMs: 40 });
  t.after(() => server.close());
  const raw = await connected(server);
  t.after(() => raw.close());
  await raw.waitFor((f) => f.type === 'ping', 'a ping from the agent');
  // This console never answers: after two silent intervals the agent closes it so the console redials.
  assert.equal(await raw.waitForClose(), 1006);
});

test('a console without the bearer token is refused, one with it is served', async (t) => {
  const server = await serveAgent(echo('a1'), { token: 's3cret', heartbeatMs: 0 });
  t.after(() => server.close());
  const { WebSocket } = await import('ws');
  const refused = new WebSocket(server.url);
  const code = await new Promise<number>((resolve) => refused.on('close', (c) => resolve(c)));
  assert.equal(code, 1008);
  const raw = await RawConsole.connect(server.url, { authorization: 'Bearer s3cret' });
  t.after(() => raw.close());
  assert.equal(raw.hello.agents[0]?.id, 'a1');
});

test('frames an author gets wrong throw at the call site instead of reaching the console', async (t) => {
  const server = await serveAgent(echo('a1'), { heartbeatMs: 0 });
  t.after(() => server.close());
  assert.throws(() => server.agent('a1').propose({ summary: 'x', reasoning: 'y', confidence: 1.5 }));
  assert.throws(() => server.agent('a1').alert({ severity: 'warning', title: '' }));
  await assert.rejects(AgentServer.start({ agents: [echo('a1'), echo('a1')] }), /share the id a1/);
});
