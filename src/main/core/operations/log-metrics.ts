import type { AgentLogMetrics } from '../../../shared/domain';
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
