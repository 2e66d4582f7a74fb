import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../../src/main/core/store/database';
import { MAX_POINTS_PER_SERIES, MetricRepository } from '../../../src/main/core/store/metric-repository';
import { replyRateSeries } from '../../../src/main/core/operations/log-metrics';
import { tempDir } from '../../support/temp-dir';

const T0 = Date.parse('2026-11-21T09:00:00Z');
const WEEK = 7 * 86_400_000;

test('a 7-day window of one sample a minute comes back as at most a few hundred averaged points; a short one is raw', () => {
  const db = openDatabase(tempDir());
  const repo = new MetricRepository(db);
  const minutes = WEEK / 60_000;
  db.transaction(() => {
    for (let i = 0; i < minutes; i++) {
      repo.insert({ agentId: 'cso', name: 'rtt', value: i % 2 === 0 ? 10 : 20, unit: 'ms', at: T0 + i * 60_000 });
    }
    repo.insert({ agentId: 'cso', name: 'spend', value: 5, unit: '$', at: T0 + WEEK - 1 });
  })();
  const now = T0 + WEEK;

  const week = repo.series('cso', now - WEEK, now);
  const rtt = week.find((s) => s.name === 'rtt')!;
  assert.ok(rtt.points.length <= MAX_POINTS_PER_SERIES + 1, `${rtt.points.length} points`);
  assert.ok(rtt.points.length >= MAX_POINTS_PER_SERIES - 1, `${rtt.points.length} points`);
  assert.equal(rtt.unit, 'ms');
  // Buckets average alternating 10/20 samples: every point is near 15, never a raw 10 or 20 alone.
  assert.ok(rtt.points.every((p) => p.value > 14 && p.value < 16), 'bucket means');
  assert.ok(rtt.points.every((p, i) => i === 0 || p.at > rtt.points[i - 1]!.at), 'time order');
  assert.equal(rtt.points.at(-1)!.at, T0 + (minutes - 1) * 60_000, 'the newest point is the newest sample time');
  assert.deepEqual(week.find((s) => s.name === 'spend')!.points, [{ at: T0 + WEEK - 1, value: 5 }]);

  // Under the bucket floor (a 4-minute window) the samples are returned as they are.
  const short = repo.series('cso', now - 4 * 60_000, now).find((s) => s.name === 'rtt')!;
  assert.deepEqual(short.points.map((p) => p.value), [10, 20, 10, 20].slice(4 - short.points.length));
  db.close();
});

test('the reply rate from the log: per minute up to an hour, per hour beyond, every bucket present; none without replies', () => {
  const now = T0 + 2 * 3_600_000 + 30_000;
  const outcome = (repliedAt: number | null) => ({ intent: 'chat', requestedAt: (repliedAt ?? now) - 1000, repliedAt, timedOut: false });
  const outcomes = [outcome(now - 30_000), outcome(now - 20_000), outcome(now - 5 * 60_000), outcome(null), outcome(now - 90 * 60_000)];

  const hour = replyRateSeries(outcomes, now - 3_600_000, now)!;
  assert.equal(hour.name, 'replies_per_minute');
  assert.equal(hour.points.length, 61, 'every minute of the hour, zeros included');
  assert.equal(hour.points.reduce((n, p) => n + p.value, 0), 3, 'the 90-minute-old reply is outside the hour');
  assert.equal(hour.points.at(-1)!.value, 2);
  assert.ok(hour.points.every((p) => p.at <= now));

  const day = replyRateSeries(outcomes, now - 86_400_000, now)!;
  assert.equal(day.name, 'replies_per_hour');
  assert.equal(day.points.length, 25);
  assert.equal(day.points.reduce((n, p) => n + p.value, 0), 4);

  assert.equal(replyRateSeries([outcome(null)], now - 3_600_000, now), null);
});
