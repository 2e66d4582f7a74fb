import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AttentionEvent, inQuietHours, NotificationPolicy } from '../../../src/main/core/alerts/notification-policy';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '../../../src/shared/domain';

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
const utcMinute = (now: number) => new Date(now).getUTCHours() * 60 + new Date(now).getUTCMinutes();
const away = { windowFocused: false, conversationId: null };

function policy(overrides: Partial<NotificationSettings> = {}) {
  return new NotificationPolicy(() => ({ ...DEFAULT_NOTIFICATION_SETTINGS, ...overrides }), utcMinute);
}

function message(id: string, agentId = 'cmo-twin', extra: Partial<AttentionEvent> = {}): AttentionEvent {
  return {
    id,
    agentId,
    agentName: 'CMO Twin',
    kind: 'message',
    severity: null,
    needsOperator: false,
    conversationId: `direct:${agentId}`,
    title: 'CMO Twin',
    body: `text ${id}`,
    target: { kind: 'conversation', id: `direct:${agentId}` },
    ...extra,
  };
}

const critical = (id: string, agentId = 'cso-twin'): AttentionEvent => ({
  ...message(id, agentId),
  kind: 'alert',
  severity: 'critical',
  needsOperator: true,
  title: 'Coverage below 1x',
  target: { kind: 'alert', id },
});

test('the first event notifies; the rest of the window is summed up in one notification when it ends', () => {
  const p = policy();
  assert.equal(p.offer(message('m1'), T0, away)?.count, 1);
  assert.equal(p.offer(message('m2'), T0 + 1000, away), null);
  assert.equal(p.offer(message('m3'), T0 + 2000, away), null);
  assert.equal(p.nextDueAt(), T0 + 60_000);
  assert.deepEqual(p.due(T0 + 59_999), []);
  const [summary] = p.due(T0 + 60_000);
  assert.equal(summary?.count, 2);
  assert.match(summary?.title ?? '', /2 more updates/);
  assert.match(summary?.body ?? '', /text m3/);
  assert.equal(p.offer(message('m4'), T0 + 60_001, away), null, 'the summary opened the next window');
});

test('windows are per agent', () => {
  const p = policy();
  assert.ok(p.offer(message('m1', 'cmo-twin'), T0, away));
  assert.ok(p.offer(message('m2', 'cso-twin'), T0 + 10, away));
});

test('levels: none silences an agent; mentions_critical lets through only what needs the operator', () => {
  const p = policy({ agentLevels: { 'cmo-twin': 'none', 'cso-twin': 'mentions_critical' } });
  assert.equal(p.offer(message('m1', 'cmo-twin'), T0, away), null);
  assert.equal(p.offer(message('m2', 'cso-twin'), T0, away), null);
  assert.ok(p.offer(message('m3', 'cso-twin', { needsOperator: true }), T0, away));
  const q = policy({ defaultLevel: 'mentions_critical' });
  assert.ok(q.offer(critical('a1'), T0, away));
});

test('the conversation on screen does not notify, but another one does', () => {
  const p = policy();
  assert.equal(p.offer(message('m1'), T0, { windowFocused: true, conversationId: 'direct:cmo-twin' }), null);
  assert.ok(p.offer(message('m2'), T0, { windowFocused: true, conversationId: 'direct:cso-twin' }));
});

test('quiet hours hold back everything but critical alerts, across midnight', () => {
  const p = policy({ quietHours: { enabled: true, start: '22:00', end: '07:00' } });
  const night = Date.UTC(2026, 10, 21, 23, 30);
  assert.equal(p.offer(message('m1'), night, away), null);
  assert.ok(p.offer(critical('a1'), night, away));
  assert.ok(p.offer(message('m2'), Date.UTC(2026, 10, 22, 7, 0), away));
  assert.equal(inQuietHours(6 * 60 + 59, { start: '22:00', end: '07:00' }), true);
  assert.equal(inQuietHours(12 * 60, { start: '09:00', end: '17:00' }), true);
  assert.equal(inQuietHours(17 * 60, { start: '09:00', end: '17:00' }), false);
});
