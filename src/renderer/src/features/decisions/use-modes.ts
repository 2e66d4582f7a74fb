import { useMemo } from 'react';
import type { AgentModeState } from '../../../../shared/domain';
import { api } from '../../lib/api';
import { type LiveSource, useLiveCollection } from '../../lib/use-live-collection';

const modesSource: LiveSource<AgentModeState> = {
  load: () => api.modes.list(),
  onChanged: (listener) => api.onModeChanged(listener),
  keyOf: (state) => state.agentId,
};

/** Every agent's mode as the console last set it; agents not in the map are manual. */
export function useModes(): ReadonlyMap<string, AgentModeState> {
  const { items } = useLiveCollection(modesSource);
  return useMemo(() => new Map(items.map((state) => [state.agentId, state])), [items]);
}
