import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Agent, Alert, Decision, Endpoint, Message } from '../../../src/shared/domain';
import {
  firingBySeverity,
  mergeRecent,
  troubledAgents,
  unreadConversations,
  waitingDecisions,
} from '../../../src/renderer/src/features/home/home-items';

const agent = (id: string, extra: Partial<Agent> = {}): Agent => ({
  id,
  name: id.toUpperCase(),
  role: 'r',
  department: 'd',
  description: null,
  capabilities: [],
  intents: [],
  endpointId: 'e1',
  linkState: 'online',
  workState: 'idle',
  lastSeenAt: 1,
  ...extra,
});

const alert = (id: string, severity: Alert['severity'], extra: Partial<Alert> = {}): Alert => ({
  id,
  agentId: 'a',
  source: 'agent',
  rule: null,
  dedupeKey: id,
  severity,
  title: id,
  body: null,
  state: 'firing',
  count: 1,
  firstSeenAt: 1,
  lastSeenAt: 1,
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolving: false,
  silenced: false,
  ...extra,
});

test('home: firing alerts worst first, newest first within a severity; silenced, acknowledged and resolved left out', () => {
  const list = [
    alert('info', 'info'),
    alert('old-warning', 'warning', { lastSeenAt: 1 }),
    alert('critical', 'critical'),
    alert('new-warning', 'warning', { lastSeenAt: 5 }),
    alert('silenced', 'critical', { silenced: true }),
    alert('acked', 'critical', { state: 'acknowledged' }),
    alert('resolved', 'critical', { state: 'resolved' }),
  ];
  assert.deepEqual(
    firingBySeverity(list).map((a) => a.id),
    ['critical', 'new-warning', 'old-warning', 'info'],
  );
});

test('home: agents offline (with the endpoint’s reason) before degraded ones, at most `limit` kept, all counted', () => {
  const endpoints = [{ id: 'e1', lastError: 'Connection refused' } as Endpoint];
  const agents = [
    agent('ok'),
    agent('slow', { health: { liveness: 'degraded', rttMs: null, lastSeenAt: 1, nextAttemptAt: null, attempt: 0, badFrames: {} } }),
    agent('down', { linkState: 'offline' }),
    agent('sick', { workState: 'error' }),
    agent('down2', { linkState: 'offline' }),
  ];
  const { items, total } = troubledAgents(agents, endpoints, 3);
  assert.equal(total, 4);
  assert.deepEqual(
    items.map((i) => [i.agent.id, i.trouble]),
    [
      ['down', 'offline'],
      ['down2', 'offline'],
      ['slow', 'degraded'],
    ],
  );
  assert.equal(items[0]!.why, 'Connection refused');
});

test('home: 10,000 agents are sorted out in one pass, quickly', () => {
  const agents = Array.from({ length: 10_000 }, (_, i) => agent(`a${i}`, i % 100 === 0 ? { linkState: 'offline' } : {}));
  const started = performance.now();
  const { items, total } = troubledAgents(agents, [], 6);
  const ms = performance.now() - started;
  assert.equal(total, 100);
  assert.equal(items.length, 6);
  assert.ok(ms < 50, `took ${ms.toFixed(1)} ms`);
});

test('home: waiting decisions, the first to run out on top, those without a deadline after', () => {
  const d = (id: string, expiresAt: number | null, createdAt: number, state: Decision['state'] = 'pending') =>
    ({ id, agentId: 'a', expiresAt, createdAt, state }) as Decision;
  assert.deepEqual(
    waitingDecisions([d('none-old', null, 1), d('late', 900, 2), d('soon', 100, 3), d('done', 50, 1, 'approved'), d('none-new', null, 5)]).map((x) => x.id),
    ['soon', 'late', 'none-old', 'none-new'],
  );
});

test('home: unread conversations, most unread first, by name', () => {
  const unread = new Map([
    ['a', 1],
    ['b', 4],
    ['c', 0],
  ]);
  assert.deepEqual(unreadConversations(unread, (id) => id.toUpperCase()), [
    { agentId: 'b', name: 'B', count: 4 },
    { agentId: 'a', name: 'A', count: 1 },
  ]);
});

test('home: recent activity takes new agent messages on top, updates ones it lists in place, and keeps 12', () => {
  const m = (id: string, direction: 'in' | 'out' = 'in', text = id) => ({ id, direction, text }) as Message;
  let list: Message[] = [];
  list = mergeRecent(list, [m('1'), m('2'), m('mine', 'out')], 12);
  assert.deepEqual(
    list.map((x) => x.id),
    ['2', '1'],
  );
  list = mergeRecent(list, [m('1', 'in', 'edited')], 12);
  assert.deepEqual(
    list.map((x) => [x.id, x.text]),
    [
      ['2', '2'],
      ['1', 'edited'],
    ],
  );
  list = mergeRecent(list, Array.from({ length: 20 }, (_, i) => m(`n${i}`)), 12);
  assert.equal(list.length, 12);
  assert.equal(list[0]!.id, 'n19');
});
