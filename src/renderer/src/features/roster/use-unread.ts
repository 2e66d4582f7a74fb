import { useEffect, useMemo } from 'react';
import { queryCache } from '../../lib/data';
import { onEvent, type QuerySpec } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';
import { countUnread, NO_UNREAD, type UnreadState, viewConversation } from './unread';

const unreadQuery: QuerySpec<UnreadState> = {
  key: 'local:unread',
  initial: NO_UNREAD,
  merges: [onEvent('message:changed', countUnread)],
};

/**
 * Agent messages that arrived in a conversation other than the one on screen, counted per agent, in arrival order
 * (for "next unread"). Opening the agent's conversation clears its count.
 */
export function useUnread(conversationOnScreen: string | null): { unread: ReadonlyMap<string, number>; order: string[] } {
  const state = useQuery(unreadQuery).data ?? NO_UNREAD;
  useEffect(() => {
    queryCache.setData<UnreadState>(unreadQuery.key, (current) => viewConversation(current ?? NO_UNREAD, conversationOnScreen));
  }, [conversationOnScreen]);
  const order = useMemo(() => [...state.counts.keys()], [state.counts]);
  return { unread: state.counts, order };
}
