import type { ApiError } from '@shared/contract';
import type { Broadcast } from '@shared/domain';
import { useMemo } from 'react';
import { liveList } from '../../lib/live-list';
import { useQuery } from '../../lib/use-query';

const broadcastsQuery = liveList({
  channel: 'broadcasts:list',
  request: { limit: 20 },
  changed: 'broadcast:changed',
  keyOf: (b) => b.id,
  insertAt: 'start',
});

/** Recent broadcasts, newest first, kept live by `broadcast:changed`. */
export function useBroadcasts(): Broadcast[] {
  const { data } = useQuery(broadcastsQuery);
  return useMemo(() => [...(data ?? [])].sort((a, b) => b.createdAt - a.createdAt), [data]);
}

/** Whether the broadcasts are still loading or failed to (the same cache entry as useBroadcasts). */
export function useBroadcastsStatus(): { loading: boolean; error: ApiError | null } {
  const { loading, error } = useQuery(broadcastsQuery);
  return { loading, error };
}
