import type { AgentModeState } from '@shared/domain';
import { useMemo } from 'react';
import { liveList } from '../../lib/live-list';
import { useQuery } from '../../lib/use-query';

const modesQuery = liveList({ channel: 'modes:list', request: {}, changed: 'mode:changed', keyOf: (state) => state.agentId });

/** Every agent's mode as the console last set it; agents not in the map are manual. */
export function useModes(): ReadonlyMap<string, AgentModeState> {
  const { data } = useQuery(modesQuery);
  return useMemo(() => new Map((data ?? []).map((state) => [state.agentId, state])), [data]);
}
