import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Agent } from '../../../../shared/domain';
import { api } from '../../lib/api';

/** All known agents, kept live by `agent:changed` events. */
export function useAgents(): { agents: Agent[]; error: ApiError | null } {
  const [agents, setAgents] = useState<Agent[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let alive = true;
    // Subscribe first so a change that lands while the list loads is not lost.
    const off = api.onAgentChanged((agent) =>
      setAgents((current) => {
        const index = current.findIndex((a) => a.id === agent.id);
        if (index === -1) return [...current, agent];
        const next = current.slice();
        next[index] = agent;
        return next;
      }),
    );
    void api.agents.list().then((result) => {
      if (!alive) return;
      if (result.ok) {
        setAgents((current) => {
          const live = new Map(current.map((a) => [a.id, a]));
          return result.value.map((a) => live.get(a.id) ?? a).concat(current.filter((a) => !result.value.some((b) => b.id === a.id)));
        });
      } else setError(result.error);
    });
    return () => {
      alive = false;
      off();
    };
  }, []);

  return { agents, error };
}
