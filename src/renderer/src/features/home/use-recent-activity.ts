import type { ApiError } from '@shared/contract';
import type { Message } from '@shared/domain';
import { onEvent, type QuerySpec, queryKey } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';
import { mergeRecent } from './home-items';

const LIMIT = 12;

const recentQuery: QuerySpec<Message[]> = {
  key: queryKey('messages:recent', { limit: LIMIT }),
  load: (invoke) => invoke('messages:recent', { limit: LIMIT }),
  initial: [],
  merges: [onEvent('message:changed', (list: Message[], batch) => mergeRecent(list, batch, LIMIT))],
};

/** The newest agent messages across the fleet, newest first, kept live: the home view's "recent activity". */
export function useRecentActivity(): { messages: Message[]; loading: boolean; error: ApiError | null } {
  const { data, loading, error } = useQuery(recentQuery);
  return { messages: data ?? [], loading, error };
}
