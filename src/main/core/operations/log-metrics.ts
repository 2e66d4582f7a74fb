import type { AgentLogMetrics, MetricSeries } from '../../../shared/domain';
import type { RequestOutcome } from '../store/log-metrics-repository';

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Per-agent metrics from the operator's requests and their replies:
 *  - tasks completed: assign_task requests the agent answered;
 *  - response time p50/p95: request logged -> first reply;
 *  - success rate: answered over requests whose outcome is known (answered, or past their reply deadline).
 */
export function computeLogMetrics(agentId: string, outcomes: RequestOutcome[]): AgentLogMetrics {
  const replied = outcomes.filter((o) => o.repliedAt !== null);
  const times = replied.map((o) => Math.max(0, o.repliedAt! - o.requestedAt)).sort((a, b) => a - b);
  const known = outcomes.filter((o) => o.repliedAt !== null || o.timedOut).length;
  return {
    agentId,
    requests: outcomes.length,
    replied: replied.length,
    tasksCompleted: replied.filter((o) => o.intent === 'assign_task').length,
    responseP50Ms: percentile(times, 50),
    responseP95Ms: percentile(times, 95),
    successRate: known === 0 ? null : replied.length / known,
  };
}

/**
 * The agent's replies to the operator's requests over time, counted per minute on a window up to an hour and per hour
 * beyond (24 h: 24 points, 7 d: 168), every bucket present so quiet stretches read as zero. Null without any reply.
 */
export function replyRateSeries(outcomes: RequestOutcome[], since: number, now: number): MetricSeries | null {
  const replies = outcomes.map((o) => o.repliedAt).filter((at): at is number => at !== null && at >= since && at <= now);
  if (replies.length === 0) return null;
  const perMinute = now - since <= 3_600_000;
  const bucketMs = perMinute ? 60_000 : 3_600_000;
  const first = Math.floor(since / bucketMs);
  const counts = new Array<number>(Math.floor(now / bucketMs) - first + 1).fill(0);
  for (const at of replies) counts[Math.floor(at / bucketMs) - first]! += 1;
  return {
    name: perMinute ? 'replies_per_minute' : 'replies_per_hour',
    unit: null,
    points: counts.map((value, i) => ({ at: Math.min(now, (first + i + 1) * bucketMs - 1), value })),
  };
}
