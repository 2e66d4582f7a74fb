import type { ApiError } from '../../../../shared/contract';
import type { Agent } from '../../../../shared/domain';
import { api } from '../../lib/api';
import { type LiveSource, useLiveCollection } from '../../lib/use-live-collection';

const agentsSource: LiveSource<Agent> = {
  load: () => api.agents.list(),
  onChanged: (listener) => api.onAgentChanged(listener),
  onChangedMany: (listener) => api.onAgentsChanged(listener),
  keyOf: (agent) => agent.id,
};

/** All known agents, kept live by `agent:changed` and (batched) `agents:changed` events. */
export function useAgents(): { agents: Agent[]; error: ApiError | null } {
  const { items, error } = useLiveCollection(agentsSource);
  return { agents: items, error };
}
