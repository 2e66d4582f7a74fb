import type { ApiError } from '@shared/contract';
import type { Agent } from '@shared/domain';
import { liveList } from '../../lib/live-list';
import { onEvent } from '../../lib/query-cache';
import { upsert } from '../../lib/upsert';
import { useQuery } from '../../lib/use-query';

const keyOf = (agent: Agent) => agent.id;
const single = liveList({ channel: 'agents:list', request: {}, changed: 'agent:changed', keyOf });
// A link's roster arrives as one batched `agents:changed` (a 10,000-card hello is one event, not 10,000).
const agentsQuery = { ...single, merges: [...(single.merges ?? []), onEvent('agents:changed', (list: Agent[], batch) => upsert(list, batch.flat(), keyOf, 'end'))] };

/** All known agents, kept live by `agent:changed` and (batched) `agents:changed` events. */
export function useAgents(): { agents: Agent[]; error: ApiError | null } {
  const { data, error } = useQuery(agentsQuery);
  return { agents: data ?? [], error };
}
