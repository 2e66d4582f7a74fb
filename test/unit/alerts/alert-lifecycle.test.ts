import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert } from '../../../src/shared/domain';
import { CoreError } from '../../../src/main/core/core-error';
import { alertsHarness } from '../../support/alerts-harness';

const fire = (severity: 'info' | 'warning' | 'critical' = 'warning', key = 'coverage') =>
  ({ type: 'alert', id: `x-${Math.random()}`, severity, title: 'Pipeline coverage below 2x', dedupe_key: key, state: 'firing' }) as const;
const resolve = (key = 'coverage') => ({ type: 'alert', id: 'r', severity: 'info', title: 'ok', dedupe_key: key, state: 'resolved' }) as const;

function only(h: ReturnType<typeof alertsHarness>): Alert {
  const list = h.module.handlers['alerts:list']({ limit: 10 }) as Alert[];
  assert.equal(list.length, 1);
  return list[0]!;
}

test('fired -> acknowledged -> resolved by the source after the flap hold, each transition in the timeline', (t) => {
  const h = alertsHarness({ flapHoldMs: 5000 });
  t.after(() => h.close());
  h.module.onAlertFrame('cso-twin', fire());
  const fired = only(h);
  assert.equal(fired.state, 'firing');

  const acked = h.module.handlers['alerts:acknowledge']({ id: fired.id }) as Alert;
  assert.equal(acked.state, 'acknowledged');
  assert.equal(acked.acknowledgedBy, 'operator');

  h.module.onAlertFrame('cso-twin', resolve());
  assert.equal(only(h).resolving, true);
  h.advance(4999);
  h.module.tick();
  assert.equal(only(h).state, 'acknowledged', 'still inside the hold');
  h.advance(2);
  h.module.tick();
  assert.equal(only(h).state, 'resolved');

  const { timeline } = h.module.handlers['alerts:get']({ id: fired.id }) as { timeline: { kind: string; actor: string }[] };
  assert.deepEqual(
    timeline.map((e) => [e.kind, e.actor]),
    [
      ['fired', 'agent:cso-twin'],
      ['acknowledged', 'operator'],
      ['resolved', 'agent:cso-twin'],
    ],
  );
});

test('a re-fire inside the hold cancels the resolve; after resolving, a quick re-fire reopens the same alert', (t) => {
  const h = alertsHarness({ flapHoldMs: 5000 });
  t.after(() => h.close());
  h.module.onAlertFrame('cso-twin', fire());
  h.module.onAlertFrame('cso-twin', resolve());
  h.advance(1000);
  h.module.onAlertFrame('cso-twin', fire());
  h.advance(10_000);
  h.module.tick();
  assert.equal(only(h).state, 'firing');
  assert.equal(only(h).count, 2);

  h.module.onAlertFrame('cso-twin', resolve());
  h.advance(6000);
  h.module.tick();
  assert.equal(only(h).state, 'resolved');
  h.module.onAlertFrame('cso-twin', fire());
  const reopened = only(h);
  assert.equal(reopened.state, 'firing');
  assert.equal(reopened.count, 3);
  const { timeline } = h.module.handlers['alerts:get']({ id: reopened.id }) as { timeline: { kind: string }[] };
  assert.deepEqual(timeline.map((e) => e.kind), ['fired', 'resolved', 'reopened']);
});

test('a worse repeat escalates the severity and needs a fresh acknowledgement', (t) => {
  const h = alertsHarness();
  t.after(() => h.close());
  h.module.onAlertFrame('cfo-twin', fire('warning'));
  h.module.handlers['alerts:acknowledge']({ id: only(h).id });
  h.module.onAlertFrame('cfo-twin', fire('critical'));
  const alert = only(h);
  assert.equal(alert.severity, 'critical');
  assert.equal(alert.state, 'firing');
  assert.equal(alert.acknowledgedAt, null);
});

test('acknowledging twice or an unknown alert is a typed error', (t) => {
  const h = alertsHarness();
  t.after(() => h.close());
  h.module.onAlertFrame('cfo-twin', fire());
  const id = only(h).id;
  h.module.handlers['alerts:acknowledge']({ id });
  assert.throws(() => h.module.handlers['alerts:acknowledge']({ id }), (e: unknown) => e instanceof CoreError && e.code === 'CONFLICT');
  assert.throws(() => h.module.handlers['alerts:acknowledge']({ id: 'nope' }), (e: unknown) => e instanceof CoreError && e.code === 'NOT_FOUND');
});

test('a silence by agent, rule or key marks matching alerts silenced and keeps them from notifying, until it expires', (t) => {
  const h = alertsHarness();
  t.after(() => h.close());
  h.module.handlers['silences:add']({ matcher: 'agent', value: 'seo-agent', reason: 'site migration tonight', durationS: 3600 });
  h.module.onAlertFrame('seo-agent', fire('critical', 'crawl'));
  assert.equal(only(h).silenced, true);
  assert.equal(h.notifications.length, 0);

  h.advance(3601_000);
  h.module.onAlertFrame('seo-agent', fire('critical', 'crawl-2'));
  assert.equal(h.notifications.length, 1, 'the silence expired');
  assert.deepEqual(h.module.handlers['silences:list']({}), []);
});

test('the console raises "agent offline" after N s, escalates it, and resolves it when the agent is back', (t) => {
  const h = alertsHarness({ flapHoldMs: 0 });
  t.after(() => h.close());
  const agent = { id: 'cto-twin', name: 'CTO Twin', role: 'CTO', department: 'Tech', description: null, capabilities: [], intents: ['chat' as const], endpointId: null, workState: null, lastSeenAt: null };
  h.module.onAgentChanged({ ...agent, linkState: 'offline' });
  h.advance(59_000);
  h.module.tick();
  assert.equal((h.module.handlers['alerts:list']({ limit: 10 }) as Alert[]).length, 0, 'a blip under a minute is not an alert');
  h.advance(2000);
  h.module.tick();
  h.module.tick();
  assert.equal(only(h).severity, 'warning');
  assert.equal(only(h).count, 1, 'ticks do not inflate the count');
  h.advance(600_000);
  h.module.tick();
  assert.equal(only(h).severity, 'critical');
  h.module.onAgentChanged({ ...agent, linkState: 'online' });
  assert.equal(only(h).state, 'resolved');
});

const agentWith = (health: { rttMs?: number | null; badFrames?: Record<string, number> }) => ({
  id: 'seo-agent',
  name: 'SEO Agent',
  role: 'SEO',
  department: 'Marketing',
  description: null,
  capabilities: [],
  intents: ['chat' as const],
  endpointId: null,
  linkState: 'online' as const,
  workState: null,
  lastSeenAt: null,
  health: { liveness: 'online' as const, rttMs: health.rttMs ?? 20, lastSeenAt: null, nextAttemptAt: null, attempt: 0, badFrames: health.badFrames ?? {} },
});

test('RTT above the thresholds raises a warning, escalates to critical, and resolves only well below the warning', (t) => {
  const h = alertsHarness({ flapHoldMs: 0 });
  t.after(() => h.close());
  h.module.onAgentChanged(agentWith({ rttMs: 1200 }));
  assert.equal(only(h).severity, 'warning');
  h.module.onAgentChanged(agentWith({ rttMs: 1100 }));
  assert.equal(only(h).count, 1, 'staying above the threshold is not a repeat');
  h.module.onAgentChanged(agentWith({ rttMs: 3500 }));
  assert.equal(only(h).severity, 'critical');
  h.module.onAgentChanged(agentWith({ rttMs: 900 }));
  assert.equal(only(h).state, 'firing', '900 ms is under the warning but inside the hysteresis band');
  h.module.onAgentChanged(agentWith({ rttMs: 100 }));
  assert.equal(only(h).state, 'resolved');
});

test('a burst of bad frames raises "sending bad frames", which resolves after a quiet window', (t) => {
  const h = alertsHarness({ flapHoldMs: 0 });
  t.after(() => h.close());
  h.module.onAgentChanged(agentWith({ badFrames: { INVALID_JSON: 5 } }));
  assert.equal((h.module.handlers['alerts:list']({ limit: 10 }) as Alert[]).length, 0, '5 is under the threshold');
  h.advance(1000);
  h.module.onAgentChanged(agentWith({ badFrames: { INVALID_JSON: 5, SCHEMA_MISMATCH: 20 } }));
  assert.equal(only(h).rule, 'error_frames');
  assert.match(only(h).body ?? '', /25 frames refused/);
  h.advance(61_000);
  h.module.tick();
  assert.equal(only(h).state, 'resolved');
});

test('silencing an open alert writes it into its timeline and takes it out of the badge counts', (t) => {
  const h = alertsHarness();
  t.after(() => h.close());
  h.module.onAlertFrame('cso-twin', fire('critical'));
  const counts = () => h.module.handlers['attention:counts']({}) as { firingAlerts: number; criticalAlerts: number };
  assert.deepEqual([counts().firingAlerts, counts().criticalAlerts], [1, 1]);
  const alert = only(h);
  const silence = h.module.handlers['silences:add']({ matcher: 'dedupe_key', value: alert.dedupeKey, reason: 'known, fixing', durationS: 3600 }) as { id: string };
  assert.deepEqual([counts().firingAlerts, counts().criticalAlerts], [0, 0]);
  h.module.handlers['silences:remove']({ id: silence.id });
  assert.equal(counts().firingAlerts, 1);
  const { timeline } = h.module.handlers['alerts:get']({ id: alert.id }) as { timeline: { kind: string; actor: string; detail: string | null }[] };
  assert.deepEqual(timeline.map((e) => [e.kind, e.actor]), [['fired', 'agent:cso-twin'], ['silenced', 'operator'], ['unsilenced', 'operator']]);
  assert.match(timeline[1]!.detail ?? '', /^known, fixing \(until /);
});

test('an alert id the agent replays after it was resolved stays resolved; a new id with the key fires again', (t) => {
  const h = alertsHarness({ flapHoldMs: 0 });
  t.after(() => h.close());
  const frame = { ...fire(), id: 'cov-1' };
  h.module.onAlertFrame('cso-twin', frame);
  h.module.handlers['alerts:resolve']({ id: only(h).id });
  h.module.onAlertFrame('cso-twin', frame);
  assert.equal(only(h).state, 'resolved', 'the replay after a reconnect does not reopen it');
  h.module.onAlertFrame('cso-twin', { ...frame, id: 'cov-2' });
  assert.equal(only(h).state, 'firing', 'a new occurrence still reopens it');
});
