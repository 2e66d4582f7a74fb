import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Decision } from '../../../../shared/domain';
import { api } from '../../lib/api';

const keyOf = (d: Decision) => `${d.agentId}\u0000${d.id}`;

/** Recent decisions (pending and decided), kept live by `decision:changed`. */
export function useDecisions(): { decisions: Decision[]; error: ApiError | null } {
  const [byKey, setByKey] = useState<Map<string, Decision>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let alive = true;
    const off = api.onDecisionChanged((decision) => setByKey((current) => new Map(current).set(keyOf(decision), decision)));
    void api.decisions.list({ limit: 300 }).then((result) => {
      if (!alive) return;
      if (!result.ok) return setError(result.error);
      setByKey((current) => {
        const next = new Map(result.value.map((d) => [keyOf(d), d]));
        for (const [k, d] of current) next.set(k, d);
        return next;
      });
    });
    return () => {
      alive = false;
      off();
    };
  }, []);

  return { decisions: [...byKey.values()].sort((a, b) => b.createdAt - a.createdAt), error };
}
