import type { ApiError } from '@shared/contract';
import type { Message } from '@shared/domain';
import { onEvent, type QuerySpec, queryKey } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';

const LIMIT = 12;

/** Folds a batch of message changes into the newest-first list: new agent messages on top, at most LIMIT kept. */
export function mergeRecent(list: Message[], batch: readonly Message[]): Message[] {
  let next = list;
  for (const message of batch) {
    if (message.direction !== 'in') continue;
    const rest = next.filter((m) => m.id !== message.id);
    // A change to a message already listed (a mark) keeps its place; a new one goes on top.
    next = rest.length < next.length ? next.map((m) => (m.id === message.id ? message : m)) : [message, ...next].slice(0, LIMIT);
  }
  return next;
}

const recentQuery: QuerySpec<Message[]> = {
  key: queryKey('messages:recent', { limit: LIMIT }),
  load: (invoke) => invoke('messages:recent', { limit: LIMIT }),
  initial: [],
  merges: [onEvent('message:changed', mergeRecent)],
};

/** The newest agent messages across the fleet, newest first, kept live: the home view's "recent activity". */
export function useRecentActivity(): { messages: Message[]; loading: boolean; error: ApiError | null } {
  const { data, loading, error } = useQuery(recentQuery);
  return { messages: data ?? [], loading, error };
}
