import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert, Decision } from '../../../src/shared/domain';
import { directConversationId, parseConversationId, roomConversationId } from '../../../src/shared/domain';
import { triageOrder } from '../../../src/renderer/src/features/alerts/triage-order';
import { INTENT_FIELDS, validateIntent } from '../../../src/renderer/src/features/composer/intent-fields';
import { nextDecision, pendingDecisions } from '../../../src/renderer/src/features/decisions/pending';
import { collapsePosts } from '../../../src/renderer/src/features/rooms/collapse-posts';
import { EMPTY_FILTER, filterOptions, rosterRows, sortAgents } from '../../../src/renderer/src/features/roster/roster-filter';
import { countUnread, NO_UNREAD, viewConversation } from '../../../src/renderer/src/features/roster/unread';
import { agent, message } from './fixtures';

test('parseConversationId takes apart what directConversationId and roomConversationId build', () => {
  assert.deepEqual(parseConversationId(directConversationId('cmo')), { kind: 'direct', agentId: 'cmo' });
  assert.deepEqual(parseConversationId(directConversationId('gw:a:b')), { kind: 'direct', agentId: 'gw:a:b' }, 'colons in ids survive');
  assert.deepEqual(parseConversationId(roomConversationId('r1')), { kind: 'room', roomId: 'r1' });
  assert.deepEqual(parseConversationId('a2a:ctx-9'), { kind: 'other', prefix: 'a2a' });
  assert.deepEqual(parseConversationId('direct:'), { kind: 'other', prefix: 'direct' }, 'no agent, no direct conversation');
  assert.deepEqual(parseConversationId('plain'), { kind: 'other', prefix: '' });
});

const fleet = [
  agent('sdr', { name: 'SDR Agent', department: 'Sales', role: 'SDR', capabilities: ['outreach'], intents: ['chat', 'assign_task'] }),
  agent('cmo', { name: 'CMO Twin', department: 'Marketing', role: 'Chief Marketing Officer', linkState: 'offline' }),
  agent('seo', { name: 'SEO Agent', department: 'Marketing', role: 'SEO Specialist', capabilities: ['seo', 'content'] }),
  agent('content', { name: 'Content Agent', department: 'Marketing', role: 'Content Strategist', capabilities: ['content'] }),
];
const shown = (filter: Partial<typeof EMPTY_FILTER>) =>
  rosterRows(sortAgents(fleet), { ...EMPTY_FILTER, ...filter }).map((r) => (r.kind === 'agent' ? r.agent.id : `${r.kind}:${r.label}`));

test('roster rows: grouped by department then role, sorted, with a count per department', () => {
  const rows = rosterRows(sortAgents(fleet), EMPTY_FILTER);
  assert.deepEqual(shown({}), [
    'department:Marketing',
    'role:Chief Marketing Officer',
    'cmo',
    'role:Content Strategist',
    'content',
    'role:SEO Specialist',
    'seo',
    'department:Sales',
    'role:SDR',
    'sdr',
  ]);
  assert.deepEqual(
    rows.filter((r) => r.kind === 'department').map((r) => (r.kind === 'department' ? r.count : 0)),
    [3, 1],
  );
});

test('roster filters: text, department, role, capability, intent and online only combine', () => {
  assert.deepEqual(shown({ text: 'ENT' }), ['department:Marketing', 'role:Content Strategist', 'content', 'role:SEO Specialist', 'seo', 'department:Sales', 'role:SDR', 'sdr']);
  assert.deepEqual(shown({ text: 'outreach' }), ['department:Sales', 'role:SDR', 'sdr'], 'capabilities are searched');
  assert.deepEqual(shown({ department: 'Marketing', capability: 'content' }).filter((r) => !r.includes(':')), ['content', 'seo']);
  assert.deepEqual(shown({ intent: 'assign_task' }).filter((r) => !r.includes(':')), ['sdr']);
  assert.deepEqual(shown({ onlineOnly: true, department: 'Marketing' }).filter((r) => !r.includes(':')), ['content', 'seo']);
  assert.deepEqual(shown({ role: 'SDR', department: 'Marketing' }), [], 'no match, no headers');
  const options = filterOptions(fleet);
  assert.deepEqual(options.departments, ['Marketing', 'Sales']);
  assert.deepEqual(options.capabilities, ['campaigns', 'content', 'outreach', 'seo']);
  assert.deepEqual(options.intents, ['assign_task', 'chat']);
});

test('intent fields: empty optional fields are left out, numbers parsed, and errors named per field', () => {
  const ok = validateIntent('provide_feedback', { subject: ' Q3 ', feedback: 'Good', rating: '4', unknown: 'x' });
  assert.deepEqual(ok, { ok: true, data: { subject: 'Q3', feedback: 'Good', rating: 4 } });
  const bad = validateIntent('provide_feedback', { subject: 'Q3', feedback: '', rating: '9' });
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.equal(bad.errors.feedback, 'required');
    assert.ok(bad.errors.rating, 'out of range');
    assert.equal(bad.errors.subject, undefined);
  }
  const task = validateIntent('assign_task', { task_id: '', description: 'Ship it', priority: 'normal' });
  assert.equal(task.ok, false);
  if (!task.ok) assert.equal(task.errors.task_id, 'required');
  for (const [intent, fields] of Object.entries(INTENT_FIELDS)) {
    assert.ok(fields.length > 0, `${intent} has fields`);
  }
});

function alert(id: string, state: Alert['state'], severity: Alert['severity'], lastSeenAt: number): Alert {
  return {
    id,
    agentId: null,
    source: 'rule',
    rule: null,
    dedupeKey: id,
    severity,
    title: id,
    body: null,
    state,
    count: 1,
    firstSeenAt: 0,
    lastSeenAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolving: false,
    silenced: false,
  };
}

test('triage order: firing before acknowledged before resolved, then critical first, then newest', () => {
  const alerts = [
    alert('resolved-critical', 'resolved', 'critical', 9),
    alert('ack-critical', 'acknowledged', 'critical', 9),
    alert('firing-info-new', 'firing', 'info', 8),
    alert('firing-warning', 'firing', 'warning', 1),
    alert('firing-critical-old', 'firing', 'critical', 1),
    alert('firing-critical-new', 'firing', 'critical', 5),
  ];
  assert.deepEqual(
    alerts.sort(triageOrder).map((a) => a.id),
    ['firing-critical-new', 'firing-critical-old', 'firing-warning', 'firing-info-new', 'ack-critical', 'resolved-critical'],
  );
});

test('room posts sent to several members show once, with whom they went to', () => {
  const post = (id: string, to: string, postId: string) =>
    message(id, { direction: 'out', agentId: to, conversationId: roomConversationId('r1'), data: { room: { post_id: postId } } });
  const rows = collapsePosts([
    post('p1-cmo', 'cmo', 'p1'),
    post('p1-seo', 'seo', 'p1'),
    message('reply', { agentId: 'seo', conversationId: roomConversationId('r1') }),
    post('p2-cmo', 'cmo', 'p2'),
    message('plain-out', { direction: 'out' }),
  ]);
  assert.deepEqual(
    rows.map((r) => [r.message.id, r.to]),
    [
      ['p1-cmo', ['cmo', 'seo']],
      ['reply', []],
      ['p2-cmo', ['cmo']],
      ['plain-out', []],
    ],
  );
});

function decision(id: string, agentId: string, state: Decision['state'], createdAt: number): Decision {
  return {
    id,
    agentId,
    summary: id,
    reasoning: '',
    confidence: 0.5,
    context: null,
    expiresAt: null,
    state,
    comment: null,
    auto: false,
    decidedBy: null,
    decidedAt: null,
    resultAckedAt: null,
    createdAt,
  };
}

test('waiting decisions: oldest first, counted per agent; "next" walks them and wraps around', () => {
  const { pending, byAgent } = pendingDecisions([
    decision('d3', 'cmo', 'pending', 3),
    decision('d1', 'cmo', 'pending', 1),
    decision('done', 'cso', 'approved', 0),
    decision('d2', 'cso', 'pending', 2),
  ]);
  assert.deepEqual(pending.map((d) => d.id), ['d1', 'd2', 'd3']);
  assert.deepEqual([...byAgent], [['cmo', 2], ['cso', 1]]);
  assert.equal(nextDecision(pending, null)?.id, 'd1');
  assert.equal(nextDecision(pending, 'd1')?.id, 'd2');
  assert.equal(nextDecision(pending, 'd3')?.id, 'd1');
  assert.equal(nextDecision([], null), null);
});

test('unread: agent messages outside the conversation on screen count per agent, in arrival order; viewing clears', () => {
  let state = viewConversation(NO_UNREAD, directConversationId('cmo'));
  state = countUnread(state, [
    message('a', { agentId: 'seo', conversationId: directConversationId('seo') }),
    message('b', { agentId: 'cmo', conversationId: directConversationId('cmo') }),
    message('c', { agentId: 'sdr', conversationId: directConversationId('sdr') }),
    message('d', { agentId: 'seo', conversationId: directConversationId('seo') }),
    message('e', { agentId: 'seo', conversationId: roomConversationId('r1') }),
    message('f', { agentId: 'sdr', conversationId: directConversationId('sdr'), direction: 'out', status: 'delivered' }),
  ]);
  assert.deepEqual([...state.counts], [['seo', 2], ['sdr', 1]], 'on screen, rooms and our own messages do not count');
  state = viewConversation(state, directConversationId('seo'));
  assert.deepEqual([...state.counts], [['sdr', 1]]);
  assert.equal(countUnread(state, [message('x', { agentId: 'seo', conversationId: directConversationId('seo') })]), state, 'nothing new, same state');
});
