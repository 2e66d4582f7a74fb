import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertsHarness } from '../../support/alerts-harness';

test('an agent flapping 10 times a second for 60 s: one alert counting the repeats, at most one notification a minute', (t) => {
  const h = alertsHarness();
  t.after(() => h.close());
  const start = h.now();
  // Every 100 ms the agent fires then resolves the same alert, and the console ticks every second as it does live.
  for (let step = 0; step < 600; step++) {
    h.module.onAlertFrame('cmo-twin', { type: 'alert', id: `a${step}`, severity: 'warning', title: 'Engagement dipped', dedupe_key: 'engagement', state: step % 2 === 0 ? 'firing' : 'resolved' });
    h.advance(100);
    if (step % 10 === 9) h.module.tick();
  }
  // Let the flap hold and the last coalescing window pass.
  for (let s = 0; s < 70; s++) {
    h.advance(1000);
    h.module.tick();
  }

  const alerts = h.module.handlers['alerts:list']({ limit: 100 });
  assert.equal(Array.isArray(alerts) ? alerts.length : -1, 1, 'one alert, not a storm of them');
  const [alert] = alerts as Awaited<typeof alerts>;
  assert.equal(alert!.count, 300, 'every firing counted');
  assert.equal(alert!.state, 'resolved', 'it resolves once the source stays quiet past the flap hold');

  const perMinute = new Map<number, number>();
  for (const n of h.notifications) {
    const minute = Math.floor((n.at - start) / 60_000);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  assert.ok(h.notifications.length >= 1, 'the operator was told');
  for (let i = 1; i < h.notifications.length; i++) {
    assert.ok(h.notifications[i]!.at - h.notifications[i - 1]!.at >= 60_000, `notifications ${i - 1} and ${i} are under a minute apart`);
  }
  console.log(`# flapping: ${alert!.count} firings -> ${h.notifications.length} notification(s): ${h.notifications.map((n) => n.title).join(' | ')}`);
});
