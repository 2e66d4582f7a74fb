import type { AgentLogMetrics, MetricSeries } from '@shared/domain';
import { type QuerySpec, queryKey, refetchOn } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';

type AgentMetrics = { log: AgentLogMetrics; series: MetricSeries[] };

/** Metrics are computed by the core, so events re-read them rather than merge into them. */
function metricsQuery(agentId: string): QuerySpec<AgentMetrics> {
  return {
    key: queryKey('metrics:get', { agentId }),
    load: (invoke) => invoke('metrics:get', { agentId }),
    refetchOn: [
      refetchOn('metrics:changed', (e) => e.agentId === agentId),
      refetchOn('message:changed', (m) => m.agentId === agentId && m.direction === 'in' && m.replyTo !== null),
    ],
    // Samples and replies can arrive many per second: refetch at most twice a second.
    refetchDelayMs: 500,
  };
}

/** The agent's computed metrics and metric series; refetched when new samples or messages of its are logged. */
export function useMetrics(agentId: string): AgentMetrics | null {
  return useQuery(metricsQuery(agentId)).data ?? null;
}
