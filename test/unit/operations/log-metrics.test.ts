import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../../src/main/core';
import { computeLogMetrics } from '../../../src/main/core/operations/log-metrics';
import { mentionedMembers } from '../../../src/main/core/operations/mentions';
import { openDatabase } from '../../../src/main/core/store/database';
import { MessageMarksRepository } from '../../../src/main/core/store/message-marks-repository';
import { MessageRepository } from '../../../src/main/core/store/message-repository';
import { directConversationId, type Message } from '../../../src/shared/domain';
import { tempDir } from '../../support/temp-dir';

const T0 = Date.parse('2026-11-21T09:00:00Z');

function message(id: string, direction: 'in' | 'out', at: number, extra: Partial<Message> = {}): Message & { seq: null } {
  return {
    id,
    conversationId: directConversationId('cso'),
    agentId: 'cso',
    direction,
    from: direction === 'out' ? 'operator' : 'cso',
    to: direction === 'out' ? 'cso' : 'operator',
    intent: 'chat',
    text: id,
    data: null,
    priority: 'normal',
    replyTo: null,
    status: direction === 'out' ? 'delivered' : 'received',
    createdAt: at,
    seq: null,
    ...extra,
  };
}

test('metrics are computed from a seeded log: tasks completed, p50/p95 request -> reply, success rate', async () => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const messages = new MessageRepository(db);
  const marks = new MessageMarksRepository(db);
  // Ten answered requests taking 1..10 s (two are tasks), one that timed out, one cancelled (ignored), and an
  // unsolicited agent message (not a reply).
  for (let i = 1; i <= 10; i++) {
    const intent = i <= 2 ? 'assign_task' : 'request_knowledge';
    messages.insert(message(`q${i}`, 'out', T0 + i * 60_000, { intent }), 'CSO', T0);
    messages.insert(message(`a${i}`, 'in', T0 + i * 60_000 + i * 1000, { intent, replyTo: `q${i}` }), 'CSO', T0);
  }
  messages.insert(message('late', 'out', T0 + 20 * 60_000), 'CSO', T0);
  marks.set('late', 'timed_out_at', T0 + 30 * 60_000);
  messages.insert(message('dropped', 'out', T0 + 21 * 60_000, { status: 'queued' }), 'CSO', T0);
  marks.set('dropped', 'cancelled_at', T0 + 21 * 60_000);
  messages.insert(message('news', 'in', T0 + 22 * 60_000), 'CSO', T0);
  db.close();

  const core = createCore({ dataDir, logger: silentLogger, tickIntervalMs: 0, now: () => T0 + 60 * 60_000 });
  try {
    const result = await core.api.metrics.get({ agentId: 'cso', windowS: 86_400 });
    assert.ok(result.ok);
    assert.deepEqual(result.value.log, {
      agentId: 'cso',
      requests: 11,
      replied: 10,
      tasksCompleted: 2,
      responseP50Ms: 5000,
      responseP95Ms: 10_000,
      successRate: 10 / 11,
    });
    // No metric frames: the one series is the reply rate drawn from the log, its 10 replies all within the day.
    assert.deepEqual(result.value.series.map((s) => [s.name, s.points.reduce((n, p) => n + p.value, 0)]), [['replies_per_hour', 10]]);
  } finally {
    await core.close();
  }
});

test('percentiles and success rate with nothing known yet are null', () => {
  assert.deepEqual(computeLogMetrics('x', [{ intent: 'chat', requestedAt: 1, repliedAt: null, timedOut: false }]), {
    agentId: 'x',
    requests: 1,
    replied: 0,
    tasksCompleted: 0,
    responseP50Ms: null,
    responseP95Ms: null,
    successRate: null,
  });
});

test('@mentions match ids and names without spaces; @all means everyone; emails are not mentions', () => {
  const members = [
    { id: 'cmo-twin', name: 'CMO Twin' },
    { id: 'seo', name: 'SEO Agent' },
  ];
  assert.deepEqual(mentionedMembers('@cmo-twin and @SEOAgent please', members).map((m) => m.id), ['cmo-twin', 'seo']);
  assert.deepEqual(mentionedMembers('hey @cmotwin', members).map((m) => m.id), ['cmo-twin']);
  assert.deepEqual(mentionedMembers('@all standup', members).map((m) => m.id), ['cmo-twin', 'seo']);
  assert.deepEqual(mentionedMembers('mail ops@seo.com, no mention', members), []);
});
