import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentDefinition, DecisionResult } from '../../src/agent-kit';
import { serveAgent, serveGateway } from '../../src/agent-kit';
import { type Core, createCore, silentLogger } from '../../src/main/core';
import type { AgentMode } from '../../src/shared/protocol';
import { tempDir } from '../support/temp-dir';
import { nextAgent, nextEvent } from '../support/wait-for';

/** A twin that answers chat with "<id> got: <text>" and reports what the console decides and sets. */
function twin(id: string, department: string, seen: { results: DecisionResult[]; modes: AgentMode[] } = { results: [], modes: [] }): AgentDefinition {
  return {
    card: { id, name: `${id} twin`, role: department === 'Sales' ? 'Seller' : 'Marketer', department, intents: ['chat', 'assign_task'] },
    intents: {
      chat: (message, agent) => void agent.reply(message, `${id} got: ${message.text}`),
      assign_task: (message, agent) => void agent.reply(message, 'accepted', { task_id: message.data?.task_id, status: 'accepted' }),
    },
    onDecisionResult: (result) => seen.results.push(result),
    onModeChanged: (mode) => seen.modes.push(mode),
  };
}

async function online(core: Core, agentId: string): Promise<void> {
  if (core.api && (await core.api.agents.list()).ok) {
    const list = await core.api.agents.list();
    if (list.ok && list.value.some((a) => a.id === agentId && a.linkState === 'online')) return;
  }
  await nextAgent(core, (a) => a.id === agentId && a.linkState === 'online');
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

test('a decision is approved with a comment, and rejected, and the agent receives each result and acks it', async (t) => {
  const seen = { results: [] as DecisionResult[], modes: [] as AgentMode[] };
  const server = await serveAgent(twin('cmo', 'Marketing', seen), { heartbeatMs: 0 });
  t.after(() => server.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: server.url }], logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => core.close());
  await online(core, 'cmo');

  const arrived = nextEvent(core, 'decision:changed', (d) => d.id === 'poll');
  const proposal = server.agent('cmo').propose({ id: 'poll', summary: 'Launch a live poll', reasoning: 'Engagement fell 15%', confidence: 0.82, context: { webinar: 'Q4 launch' } });
  const pending = await arrived;
  assert.equal(pending.state, 'pending');
  assert.equal(pending.agentId, 'cmo');
  assert.deepEqual(pending.context, { webinar: 'Q4 launch' });
  assert.equal(value(await core.api.attention.counts()).pendingDecisions, 1);

  const acked = nextEvent(core, 'decision:changed', (d) => d.id === 'poll' && d.resultAckedAt !== null);
  const decided = value(await core.api.decisions.decide({ agentId: 'cmo', id: 'poll', outcome: 'approved', comment: 'Keep it to 3 options' }));
  assert.equal(decided.state, 'approved');
  assert.equal(decided.decidedBy, 'operator');
  const result = await proposal.result;
  assert.deepEqual({ id: result.id, outcome: result.outcome, comment: result.comment }, { id: 'poll', outcome: 'approved', comment: 'Keep it to 3 options' });
  await acked;
  assert.equal(value(await core.api.attention.counts()).pendingDecisions, 0);

  const again = await core.api.decisions.decide({ agentId: 'cmo', id: 'poll', outcome: 'rejected' });
  assert.equal(again.ok ? 'ok' : again.error.code, 'CONFLICT');

  const second = nextEvent(core, 'decision:changed', (d) => d.id === 'discount');
  const other = server.agent('cmo').propose({ id: 'discount', summary: 'Offer 20% off', reasoning: 'Slow week', confidence: 0.4 });
  await second;
  value(await core.api.decisions.decide({ agentId: 'cmo', id: 'discount', outcome: 'rejected', comment: 'Not this quarter' }));
  const rejected = await other.result;
  assert.equal(rejected.outcome, 'rejected');
  assert.equal(rejected.comment, 'Not this quarter');
  assert.deepEqual(seen.results.map((r) => r.outcome), ['approved', 'rejected']);

  const history = value(await core.api.decisions.list({}));
  assert.deepEqual(history.map((d) => [d.id, d.state]).sort(), [['discount', 'rejected'], ['poll', 'approved']]);
});

test('a mode change reaches the agent, is kept, and is sent again when the console reconnects', async (t) => {
  const seen = { results: [] as DecisionResult[], modes: [] as AgentMode[] };
  let onMode = () => {};
  const definition = twin('cso', 'Sales', seen);
  const server = await serveAgent({ ...definition, onModeChanged: (mode, agent) => (definition.onModeChanged?.(mode, agent), onMode()) }, { heartbeatMs: 0 });
  t.after(() => server.close());
  const dataDir = tempDir();
  const core = createCore({ dataDir, endpoints: [{ url: server.url }], logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => core.close());
  await online(core, 'cso');

  const reached = new Promise<void>((resolve) => (onMode = resolve));
  const state = value(await core.api.modes.set({ agentId: 'cso', mode: 'auto' }));
  assert.equal(state.mode, 'auto');
  assert.notEqual(state.sentAt, null, 'sent at once: the agent is online');
  await reached;
  assert.equal(server.agent('cso').mode, 'auto');
  await core.close();

  const resent = new Promise<void>((resolve) => (onMode = resolve));
  const restarted = createCore({ dataDir, endpoints: [{ url: server.url }], logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => restarted.close());
  const modeAgain = nextEvent(restarted, 'mode:changed', (m) => m.agentId === 'cso' && m.sentAt !== null);
  await resent;
  await modeAgain;
  assert.deepEqual(seen.modes, ['auto', 'auto']);
  assert.deepEqual(value(await restarted.api.modes.list()).map((m) => [m.agentId, m.mode]), [['cso', 'auto']]);
});

test('in semi-auto, a decision above the confidence threshold is auto-approved and recorded so; below it waits', async (t) => {
  const server = await serveAgent(twin('cfo', 'Finance'), { heartbeatMs: 0 });
  t.after(() => server.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: server.url }], logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => core.close());
  await online(core, 'cfo');
  value(await core.api.operations.updateSettings({ autoApproveConfidence: 0.8, decisionWaitingMinutes: 10 }));
  value(await core.api.modes.set({ agentId: 'cfo', mode: 'semi_auto' }));

  const confident = server.agent('cfo').propose({ id: 'hedge', summary: 'Hedge EUR exposure', reasoning: 'Volatility', confidence: 0.93 });
  const result = await confident.result;
  assert.equal(result.outcome, 'approved');
  assert.equal(result.auto, true);
  const stored = value(await core.api.decisions.list({ agentId: 'cfo' }))[0]!;
  assert.equal(stored.state, 'approved');
  assert.equal(stored.auto, true);
  assert.equal(stored.decidedBy, 'policy:semi_auto');

  const unsure = nextEvent(core, 'decision:changed', (d) => d.id === 'cut');
  server.agent('cfo').propose({ id: 'cut', summary: 'Cut the ads budget', reasoning: 'Runway', confidence: 0.5 });
  assert.equal((await unsure).state, 'pending');
});

test('a pending decision past its expiry is marked expired and can no longer be decided', async (t) => {
  let clock = Date.parse('2026-11-21T10:00:00Z');
  const server = await serveAgent(twin('cto', 'Engineering'), { heartbeatMs: 0 });
  t.after(() => server.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: server.url }], logger: silentLogger, tickIntervalMs: 20, now: () => clock });
  t.after(() => core.close());
  await online(core, 'cto');
  const arrived = nextEvent(core, 'decision:changed', (d) => d.id === 'rollback');
  server.agent('cto').propose({ id: 'rollback', summary: 'Roll back 4.2', reasoning: 'Errors up', confidence: 0.7, expires_at: new Date(clock + 60_000).toISOString() });
  assert.equal((await arrived).state, 'pending');

  const waiting = nextEvent(core, 'alert:changed', (a) => a.rule === 'decision_waiting' && a.state === 'firing');
  const expired = nextEvent(core, 'decision:changed', (d) => d.id === 'rollback' && d.state === 'expired');
  clock += 61_000;
  await expired;
  const late = await core.api.decisions.decide({ agentId: 'cto', id: 'rollback', outcome: 'approved' });
  assert.equal(late.ok ? 'ok' : late.error.code, 'CONFLICT');

  // Another decision left waiting past decisionWaitingMinutes raises the decision_waiting alert.
  const second = nextEvent(core, 'decision:changed', (d) => d.id === 'scale');
  server.agent('cto').propose({ id: 'scale', summary: 'Add 2 nodes', reasoning: 'Load', confidence: 0.6 });
  await second;
  clock += 11 * 60_000;
  const alert = await waiting;
  assert.equal(alert.agentId, 'cto');
  assert.match(alert.title, /Add 2 nodes/);
});

test('a broadcast to a department reaches each member, tracks each recipient to replied, and gathers the replies', async (t) => {
  const gateway = await serveGateway(
    [twin('content', 'Marketing'), twin('seo', 'Marketing'), twin('brand', 'Marketing'), twin('leads', 'Sales')],
    { heartbeatMs: 0 },
  );
  t.after(() => gateway.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: gateway.url }], logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => core.close());
  await online(core, 'leads');

  const allReplied = nextEvent(core, 'broadcast:changed', (b) => b.recipients.every((r) => r.state === 'replied'));
  const sent = value(await core.api.broadcasts.send({ target: { kind: 'department', department: 'Marketing' }, text: 'Webinar moved to Thursday' }));
  assert.deepEqual(sent.recipients.map((r) => r.agentId).sort(), ['brand', 'content', 'seo']);
  const done = await allReplied;
  assert.equal(done.id, sent.id);
  assert.deepEqual(
    done.recipients.map((r) => [r.agentId, r.reply?.text]).sort(),
    [['brand', 'brand got: Webinar moved to Thursday'], ['content', 'content got: Webinar moved to Thursday'], ['seo', 'seo got: Webinar moved to Thursday']],
  );
  assert.deepEqual(value(await core.api.broadcasts.list({})).find((b) => b.id === sent.id)?.recipients.map((r) => r.state), ['replied', 'replied', 'replied']);

  const none = await core.api.broadcasts.send({ target: { kind: 'department', department: 'Legal' }, text: 'hello?' });
  assert.equal(none.ok ? 'ok' : none.error.code, 'NOT_FOUND');
});

test('a structured request is validated per intent, carries its data, and its reply is correlated', async (t) => {
  const server = await serveAgent(twin('pm', 'Product'), { heartbeatMs: 0 });
  t.after(() => server.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: server.url }], logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => core.close());
  await online(core, 'pm');

  const bad = await core.api.intents.send({ agentId: 'pm', request: { intent: 'assign_task', data: { task_id: '', description: 'x', priority: 'high' } } });
  assert.equal(bad.ok ? 'ok' : bad.error.code, 'INVALID_REQUEST');
  assert.match(bad.ok ? '' : bad.error.message, /task_id/);

  const reply = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.replyTo !== null);
  const sent = value(await core.api.intents.send({ agentId: 'pm', request: { intent: 'assign_task', data: { task_id: 'T-7', description: 'Draft the Q4 brief', priority: 'high', due: '2026-12-01' } } }));
  assert.equal(sent.priority, 'high');
  assert.equal(sent.text, 'Task T-7 (high, due 2026-12-01): Draft the Q4 brief');
  const answer = await reply;
  assert.equal(answer.replyTo, sent.id);
  assert.deepEqual(answer.data, { task_id: 'T-7', status: 'accepted' });

  const metrics = value(await core.api.metrics.get({ agentId: 'pm' }));
  assert.equal(metrics.log.tasksCompleted, 1);
  assert.equal(metrics.log.requests, 1);
});

test('a room post goes to the @mentioned members with the room context, and their replies land in the room', async (t) => {
  const received: Record<string, unknown>[] = [];
  const listening = (id: string): AgentDefinition => ({
    ...twin(id, 'Marketing'),
    intents: {
      chat: (message, agent) => {
        received.push({ to: id, ...message.data });
        agent.reply(message, `${id} here`);
      },
    },
  });
  const gateway = await serveGateway([listening('cmo'), listening('seo'), listening('content')], { heartbeatMs: 0 });
  t.after(() => gateway.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: gateway.url }], logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => core.close());
  await online(core, 'content');

  const room = value(await core.api.rooms.create({ name: 'Launch', memberIds: ['cmo', 'seo', 'content'] }));
  const reply = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.conversationId === `room:${room.id}`);
  const posted = value(await core.api.rooms.post({ roomId: room.id, text: '@seo can you check the landing page?' }));
  assert.deepEqual(posted.map((m) => m.agentId), ['seo']);
  assert.equal((await reply).text, 'seo here');
  const context = received[0]!.room as { members: { id: string }[]; mentions: string[]; recent: unknown[] };
  assert.equal(received[0]!.to, 'seo');
  assert.deepEqual(context.members.map((m) => m.id), ['cmo', 'seo', 'content']);
  assert.deepEqual(context.mentions, ['seo']);
  assert.deepEqual(context.recent, []);

  const everyone = value(await core.api.rooms.post({ roomId: room.id, text: 'Thanks all' }));
  assert.deepEqual(everyone.map((m) => m.agentId).sort(), ['cmo', 'content', 'seo']);
});
