import { useEffect, useState } from 'react';
import type { AgentLogMetrics, MetricSeries } from '../../../../shared/domain';
import { api } from '../../lib/api';

/** The agent's computed metrics and metric series; refetched when new samples or messages of its are logged. */
export function useMetrics(agentId: string): { log: AgentLogMetrics; series: MetricSeries[] } | null {
  const [metrics, setMetrics] = useState<{ log: AgentLogMetrics; series: MetricSeries[] } | null>(null);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      void api.metrics.get({ agentId }).then((result) => {
        if (alive && result.ok) setMetrics(result.value);
      });
    // Samples and replies can arrive many per second: refetch at most twice a second.
    const soon = () => {
      if (timer === null) timer = setTimeout(() => ((timer = null), load()), 500);
    };
    load();
    const offMetrics = api.onMetricsChanged((e) => e.agentId === agentId && soon());
    const offMessages = api.onMessageChanged((m) => m.agentId === agentId && m.direction === 'in' && m.replyTo !== null && soon());
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      offMetrics();
      offMessages();
    };
  }, [agentId]);
  return metrics;
}
