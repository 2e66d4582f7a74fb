import type { ApiError } from '@shared/contract';
import type { Agent } from '@shared/domain';
import { liveList } from '../../lib/live-list';
import { useQuery } from '../../lib/use-query';

const agentsQuery = liveList({ channel: 'agents:list', request: {}, changed: 'agent:changed', keyOf: (agent) => agent.id });

/** All known agents, kept live by `agent:changed` events. */
export function useAgents(): { agents: Agent[]; error: ApiError | null } {
  const { data, error } = useQuery(agentsQuery);
  return { agents: data ?? [], error };
}
