import { useMemo } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Decision } from '../../../../shared/domain';
import { api } from '../../lib/api';
import { type LiveSource, useLiveCollection } from '../../lib/use-live-collection';

const decisionsSource: LiveSource<Decision> = {
  load: () => api.decisions.list({ limit: 300 }),
  onChanged: (listener) => api.onDecisionChanged(listener),
  // Decision ids are the agent's own, so they are unique per agent only.
  keyOf: (d) => `${d.agentId}\u0000${d.id}`,
};

/** Recent decisions (pending and decided), newest first, kept live by `decision:changed`. */
export function useDecisions(): { decisions: Decision[]; error: ApiError | null } {
  const { items, error } = useLiveCollection(decisionsSource);
  const decisions = useMemo(() => [...items].sort((a, b) => b.createdAt - a.createdAt), [items]);
  return { decisions, error };
}
