import type { ApiError } from '@shared/contract';
import type { Decision } from '@shared/domain';
import { useMemo } from 'react';
import { liveList } from '../../lib/live-list';
import { useQuery } from '../../lib/use-query';

export const decisionsQuery = liveList({
  channel: 'decisions:list',
  request: { limit: 300 },
  changed: 'decision:changed',
  // Decision ids are the agent's own, so they are unique per agent only.
  keyOf: (d) => `${d.agentId}\u0000${d.id}`,
});

/** Recent decisions (pending and decided), newest first, kept live by `decision:changed`. */
export function useDecisions(): { decisions: Decision[]; error: ApiError | null; loading: boolean } {
  const { data, error, loading } = useQuery(decisionsQuery);
  const decisions = useMemo(() => [...(data ?? [])].sort((a, b) => b.createdAt - a.createdAt), [data]);
  return { decisions, error, loading };
}
