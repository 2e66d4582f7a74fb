import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { type Core, createCore, silentLogger } from '../../src/main/core';
import { directConversationId, type Message } from '../../src/shared/domain';
import { type AgentCard, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { gatewayMessage, TestAgent } from '../support/test-agent';
import { nextEvent } from '../support/wait-for';

/**
 * An agent may only act on its own messages and streams: whatever a frame names by id (an ack, a reply_to, a
 * message id, a stream id) must be that agent's. The attacker here is another agent on the same gateway connection
 * or on another endpoint; each refusal must be an error frame with the id, change nothing, and keep the link up.
 */

type Frame = Record<string, unknown>;

const message = gatewayMessage;

const delta = (agentId: string, id: string, text: string, conversationId = directConversationId(agentId)) => ({
  type: 'delta',
  agent_id: agentId,
  id,
  conversation_id: conversationId,
  text,
});

async function gateway(t: TestContext, cards: AgentCard[], bounds?: Parameters<typeof createCore>[0]['link']) {
  const agent = await TestAgent.start(cards);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, link: { ...bounds } });
  t.after(() => core.close());
  await agent.waitForWelcome();
  return { agent, core };
}

/** The first error frame the agent got for `ref` (with this code). */
function errorFor(agent: TestAgent, ref: string, code: string): Promise<Frame> {
  return agent.waitFor(() => agent.errors.find((e) => e.ref === ref && e.code === code), `${code} for ${ref}`);
}

let barriers = 0;
/**
 * A synchronisation point: a fresh message of `agentId`, committed and acked. Frames sent before it were read in
 * earlier turns, so whatever they would have committed (messages, acks) is committed by the time this ack is back.
 */
async function barrier(agent: TestAgent, agentId: string): Promise<void> {
  const id = `barrier-${++barriers}`;
  agent.send(message(agentId, id, 'barrier', { conversation_id: `barriers-${agentId}` }));
  await agent.waitFor(() => agent.acks.has(id), `ack of ${id}`);
}

async function logged(core: Core, conversationId: string): Promise<Message[]> {
  const page = await core.api.messages.range({ conversationId });
  assert.ok(page.ok);
  return page.value.messages;
}

test('an ack confirms only a message sent to its own agent: another agent’s ack, on the gateway or another endpoint, is refused', async (t) => {
  const { agent, core } = await gateway(t, [card('g1'), card('g2')]);
  const other = await TestAgent.start([card('d1')]);
  t.after(() => other.close());
  const added = await core.api.endpoints.add({ url: other.url });
  assert.ok(added.ok, JSON.stringify(added));
  await other.waitForWelcome();
  const delivered: string[] = [];
  core.on('message:changed', (m) => m.status === 'delivered' && delivered.push(m.id));

  const sent = await core.api.messages.send({ agentId: 'g1', text: 'for g1 only' });
  assert.ok(sent.ok);
  const id = sent.value.id;
  await agent.waitFor(() => agent.messages.find((m) => m.id === id), 'the message on the wire');

  agent.send({ type: 'ack', agent_id: 'g2', id });
  const refused = await errorFor(agent, id, 'OUT_OF_SCOPE');
  assert.match(String(refused.message), /another agent/);
  other.send({ type: 'ack', id });
  await errorFor(other, id, 'OUT_OF_SCOPE');
  await barrier(agent, 'g2');
  await barrier(other, 'd1');
  assert.deepEqual(delivered, [], 'no foreign ack marked it delivered');
  assert.equal((await logged(core, directConversationId('g1'))).find((m) => m.id === id)?.status, 'sent');

  const done = nextEvent(core, 'message:changed', (m) => m.id === id && m.status === 'delivered');
  agent.send({ type: 'ack', agent_id: 'g1', id });
  await done;
  assert.equal(agent.errors.filter((e) => e.ref === id).length, 1, 'its own agent’s ack is taken without complaint');
  assert.equal(agent.connections, 1, 'the connection stayed up');
  assert.equal(other.connections, 1);
});

test('a reply_to naming another agent’s request is refused: nothing logged, the request still waits; its own agent’s reply settles it', async (t) => {
  const { agent, core } = await gateway(t, [card('g1'), card('g2')], { replyTimeoutsS: { chat: 600 } });
  const sent = await core.api.messages.send({ agentId: 'g1', text: 'status?' });
  assert.ok(sent.ok);
  const request = sent.value.id;
  assert.equal(core.awaitingReplies, 1);
  const answered: Message[] = [];
  core.on('message:changed', (m) => m.id === request && m.marks?.repliedAt != null && answered.push(m));

  agent.send(message('g2', 'g2-reply', 'I answer for g1', { reply_to: request }));
  const refused = await errorFor(agent, 'g2-reply', 'OUT_OF_SCOPE');
  assert.match(String(refused.message), /reply_to/);
  await barrier(agent, 'g2');
  assert.equal(agent.acks.has('g2-reply'), false, 'a refused message is not acked');
  assert.deepEqual(await logged(core, directConversationId('g2')), [], 'nothing of it was logged');
  assert.deepEqual(answered, [], 'the request was not settled');
  assert.equal(core.awaitingReplies, 1);

  // The same in one batch: a message of g1 and, right behind it, g2 replying to it (not logged yet when checked).
  agent.send(message('g1', 'g1-note', 'a note'));
  agent.send(message('g2', 'g2-thread', 'me too', { reply_to: 'g1-note' }));
  await errorFor(agent, 'g2-thread', 'OUT_OF_SCOPE');
  await agent.waitFor(() => agent.acks.has('g1-note'), 'ack of g1-note');

  const settled = nextEvent(core, 'message:changed', (m) => m.id === request && m.marks?.repliedAt != null);
  agent.send(message('g1', 'g1-reply', 'all good', { reply_to: request }));
  await settled;
  await agent.waitFor(() => agent.acks.has('g1-reply'), 'ack of the real reply');
  assert.equal(core.awaitingReplies, 0);
  assert.equal(agent.connections, 1);
});

test('a message id another agent already used is refused, not taken as a resend, and the first agent’s message is unchanged', async (t) => {
  const { agent, core } = await gateway(t, [card('g1'), card('g2')]);
  agent.send(message('g1', 'm-1', 'the original'));
  await agent.waitFor(() => agent.acks.has('m-1'), 'ack of m-1');

  agent.send(message('g2', 'm-1', 'a forgery', { seq: 7 }));
  await errorFor(agent, 'm-1', 'OUT_OF_SCOPE');
  await barrier(agent, 'g2');
  assert.equal(agent.acks.get('m-1'), 1, 'the forgery was not acked as a duplicate');
  assert.deepEqual((await logged(core, directConversationId('g1'))).map((m) => [m.id, m.agentId, m.text]), [['m-1', 'g1', 'the original']]);
  assert.deepEqual(await logged(core, directConversationId('g2')), []);

  // Its own agent resending it is still a duplicate, acked again (the agent never saw the first ack, say).
  agent.send(message('g1', 'm-1', 'the original'));
  await agent.waitFor(() => agent.acks.get('m-1') === 2, 'the resend acked');
  assert.equal(agent.errors.filter((e) => e.ref === 'm-1').length, 1);
});

test('a stream is its agent’s: another agent cannot append to it, finish it, or stream over a logged message', async (t) => {
  const { agent, core } = await gateway(t, [card('g1'), card('g2')]);
  const streamed: { id: string; agentId: string; text: string }[] = [];
  core.on('message:streamed', (s) => streamed.push({ id: s.id, agentId: s.agentId, text: s.text }));

  const first = nextEvent(core, 'message:streamed', (s) => s.id === 's-1');
  agent.send(delta('g1', 's-1', 'Hello'));
  await first;
  agent.send(delta('g2', 's-1', ' from g2', 'elsewhere'));
  await errorFor(agent, 's-1', 'OUT_OF_SCOPE');
  agent.send(message('g2', 's-1', 'finished by g2', { conversation_id: 'elsewhere' }));
  await agent.waitFor(() => agent.errors.filter((e) => e.ref === 's-1' && e.code === 'OUT_OF_SCOPE').length === 2, 'g2’s final refused too');

  const more = nextEvent(core, 'message:streamed', (s) => s.id === 's-1' && s.text === 'Hello, world');
  agent.send(delta('g1', 's-1', ', world'));
  await more;
  const final = nextEvent(core, 'message:changed', (m) => m.id === 's-1');
  agent.send(message('g1', 's-1', 'Hello, world.'));
  const done = await final;
  assert.deepEqual([done.agentId, done.text], ['g1', 'Hello, world.']);
  assert.deepEqual(streamed, [
    { id: 's-1', agentId: 'g1', text: 'Hello' },
    { id: 's-1', agentId: 'g1', text: 'Hello, world' },
  ]);
  assert.deepEqual(await logged(core, 'elsewhere'), [], 'g2 left nothing');

  // s-1 is g1's logged message now: g2 cannot open a stream of that id either.
  agent.send(delta('g2', 's-1', 'again'));
  await agent.waitFor(() => agent.errors.filter((e) => e.ref === 's-1').length === 3, 'the third refusal');
  await barrier(agent, 'g2');
  assert.equal(agent.acks.get('s-1'), 1, 'only g1’s final was acked');
  assert.equal(streamed.length, 2, 'nothing more was streamed');
  assert.equal(agent.connections, 1);
});

test('another endpoint’s agent cannot complete an interrupted stream: the partial stays its agent’s until it resends', async (t) => {
  const dataDir = tempDir();
  const owner = await TestAgent.start([card('a1')]);
  t.after(() => owner.close());
  const intruder = await TestAgent.start([card('b1')]);
  t.after(() => intruder.close());
  const core = createCore({
    dataDir,
    endpoints: [{ url: owner.url }, { url: intruder.url }],
    logger: silentLogger,
    link: { backoff: { baseMs: 10, capMs: 50 } },
  });
  t.after(() => core.close());
  await owner.waitForWelcome();
  await intruder.waitForWelcome();

  const streaming = nextEvent(core, 'message:streamed', (s) => s.text === 'The plan has');
  owner.send({ type: 'delta', id: 'r-1', conversation_id: directConversationId('a1'), text: 'The plan has' });
  await streaming;
  const kept = nextEvent(core, 'message:changed', (m) => m.id === 'r-1' && m.marks?.interrupted === true);
  await owner.stop();
  await kept;

  intruder.send({ ...message('b1', 'r-1', 'The plan is mine.'), agent_id: undefined });
  await errorFor(intruder, 'r-1', 'OUT_OF_SCOPE');
  await barrier(intruder, 'b1');
  const partial = (await logged(core, directConversationId('a1'))).find((m) => m.id === 'r-1');
  assert.deepEqual([partial?.text, partial?.marks?.interrupted], ['The plan has', true], 'the partial is untouched');

  await owner.restart();
  await owner.waitForWelcome(2);
  const completed = nextEvent(core, 'message:changed', (m) => m.id === 'r-1' && m.marks?.interrupted === false);
  owner.send({ ...message('a1', 'r-1', 'The plan has three phases.'), agent_id: undefined });
  assert.equal((await completed).text, 'The plan has three phases.');
});

test('a second hello on an open connection is refused and changes nothing: the agents of the first hello stay, the link stays up', async (t) => {
  const { agent, core } = await gateway(t, [card('g1'), card('g2')]);
  agent.send({ type: 'hello', protocol: PROTOCOL_VERSION, agents: [card('g1', { name: 'Renamed' }), card('x9')] });
  const refused = await agent.waitFor(() => agent.errors.find((e) => e.code === 'SCHEMA_MISMATCH'), 'the second hello refused');
  assert.match(String(refused.message), /already said hello/);

  agent.send(message('x9', 'x9-1', 'I am new here'));
  await errorFor(agent, 'x9-1', 'UNKNOWN_AGENT');
  await barrier(agent, 'g2');
  assert.equal(agent.welcomes.length, 1, 'no second welcome');
  assert.equal(agent.connections, 1, 'the connection stayed up');
  const agents = await core.api.agents.list();
  assert.ok(agents.ok);
  assert.deepEqual(agents.value.map((a) => [a.id, a.name]).sort(), [['g1', 'g1 name'], ['g2', 'g2 name']]);
});

test('one link holds at most maxOpenStreams streams and maxStreamedChars of them; past that a delta is RATE_LIMITED and nothing changes', async (t) => {
  const { agent, core } = await gateway(t, [card('g1'), card('g2')], { bounds: { maxOpenStreams: 2, maxStreamedChars: 20 } });
  const streamed: string[] = [];
  core.on('message:streamed', (s) => streamed.push(`${s.id}:${s.text}`));

  agent.send(delta('g1', 's-1', '0123456789'));
  agent.send(delta('g2', 's-2', '01234'));
  agent.send(delta('g2', 's-3', 'third'));
  const tooMany = await errorFor(agent, 's-3', 'RATE_LIMITED');
  assert.match(String(tooMany.message), /maxOpenStreams/);
  agent.send(delta('g1', 's-1', '0123456789'));
  const tooMuch = await errorFor(agent, 's-1', 'RATE_LIMITED');
  assert.match(String(tooMuch.message), /maxStreamedChars/);
  await barrier(agent, 'g1');
  assert.deepEqual(streamed, ['s-1:0123456789', 's-2:01234']);

  // Finishing a stream gives its room back.
  agent.send(message('g2', 's-2', '01234 done'));
  await agent.waitFor(() => agent.acks.has('s-2'), 'ack of s-2');
  const opened = nextEvent(core, 'message:streamed', (s) => s.id === 's-3');
  agent.send(delta('g2', 's-3', 'third'));
  assert.equal((await opened).text, 'third');
  assert.equal(agent.connections, 1, 'refusals do not cost the connection');
});

test('an agent cannot name another agent’s alert through its own key: agent "acme" with key "cso:coverage" is not "acme:cso" with "coverage"', async (t) => {
  const agent = await TestAgent.start([card('acme'), card('acme:cso')]);
  t.after(() => agent.close());
  // No flap hold: a resolve takes effect at once, so a wrongly scoped one would show.
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, alerts: { flapHoldMs: 0 } });
  t.after(() => core.close());
  await agent.waitForWelcome();
  const fired = nextEvent(core, 'alert:changed', (a) => a.agentId === 'acme:cso' && a.state === 'firing');
  agent.send({ type: 'alert', agent_id: 'acme:cso', id: 'al-1', severity: 'critical', title: 'Coverage below 2x', dedupe_key: 'coverage', state: 'firing' });
  const victim = await fired;

  // The neighbour spells the victim's key with its own id, and resolves it; then raises one of its own, as a marker
  // that the frames before it were taken (alert frames are committed in order).
  agent.send({ type: 'alert', agent_id: 'acme', id: 'cso:al-1', severity: 'info', title: 'spoof', dedupe_key: 'cso:coverage', state: 'resolved' });
  const marker = nextEvent(core, 'alert:changed', (a) => a.agentId === 'acme' && a.title === 'marker');
  agent.send({ type: 'alert', agent_id: 'acme', id: 'm-1', severity: 'info', title: 'marker', dedupe_key: 'marker', state: 'firing' });
  await marker;

  const open = await core.api.alerts.list({ states: ['firing'] });
  assert.ok(open.ok);
  const still = open.value.find((a) => a.id === victim.id);
  assert.equal(still?.state, 'firing', 'the victim’s alert is still firing');
  assert.equal(still?.agentId, 'acme:cso');
});
