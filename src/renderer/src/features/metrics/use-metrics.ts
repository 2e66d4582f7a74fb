import { useMemo } from 'react';
import type { AgentLogMetrics, MetricSeries } from '@shared/domain';
import { type QuerySpec, queryKey, refetchOn } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';

type AgentMetrics = { log: AgentLogMetrics; series: MetricSeries[]; loadedAt: number };

/** Metrics are computed by the core, so events re-read them rather than merge into them. */
function metricsQuery(agentId: string, windowS: number): QuerySpec<Omit<AgentMetrics, 'loadedAt'>> {
  return {
    key: queryKey('metrics:get', { agentId, windowS }),
    load: (invoke) => invoke('metrics:get', { agentId, windowS }),
    refetchOn: [
      refetchOn('metrics:changed', (e) => e.agentId === agentId),
      refetchOn('message:changed', (m) => m.agentId === agentId && m.direction === 'in' && m.replyTo !== null),
    ],
    // Samples and replies can arrive many per second: refetch at most twice a second.
    refetchDelayMs: 500,
  };
}

/**
 * The agent's computed metrics and metric series over the last `windowS` seconds (downsampled by the core for long
 * windows); refetched when new samples or messages of its are logged. `loadedAt` is the time axis' right edge.
 */
export function useMetrics(agentId: string, windowS: number): AgentMetrics | null {
  const data = useQuery(metricsQuery(agentId, windowS)).data;
  return useMemo(() => (data ? { ...data, loadedAt: Date.now() } : null), [data]);
}
