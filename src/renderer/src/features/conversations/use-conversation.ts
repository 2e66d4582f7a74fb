import { useCallback, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Conversation, Message } from '@shared/domain';
import type { HistorySource } from '@shared/history';
import { queryCache } from '../../lib/data';
import { useQuery } from '../../lib/use-query';
import { messageWindowQuery, olderPage, newerPage } from './message-window';

export interface ConversationState {
  conversation: Conversation | null;
  messages: Message[];
  hasOlder: boolean;
  /** True while the window does not reach the newest message (after jumping deep into history). */
  hasNewer: boolean;
  loading: boolean;
  error: ApiError | null;
  loadOlder(): void;
  loadNewer(): void;
  /** Drops the window and loads the newest page: "back to latest" after a jump. */
  jumpToLatest(): void;
}

const NO_MESSAGES: Message[] = [];

/**
 * A window of one conversation paged in from the log both ways by keyset: the newest page, or the context around
 * `anchorId` when a search hit is opened, then older or newer pages as the view reaches either end. The window is
 * a cache entry (see `message-window.ts`), so the events that keep it live are merged once, not per component.
 */
export function useConversation(
  conversationId: string | null,
  options: { anchorId?: string | null; source?: HistorySource } = {},
): ConversationState {
  const source = options.source ?? 'live';
  // After "back to latest" the anchor of the opened hit no longer applies, until another hit is opened.
  const [dismissedAnchor, setDismissedAnchor] = useState<string | null>(null);
  const anchorId = options.anchorId && options.anchorId !== dismissedAnchor ? options.anchorId : null;
  const spec = conversationId === null ? null : messageWindowQuery(conversationId, source, anchorId);
  const key = spec?.key ?? null;
  const { data, loading, error } = useQuery(spec);
  const messages = data?.messages ?? NO_MESSAGES;

  const loadOlder = useCallback(() => {
    if (key === null || conversationId === null || !data?.hasOlder || !data.messages[0]) return;
    queryCache.extend(key, ...olderPage(conversationId, source, data.messages[0].id));
  }, [key, conversationId, source, data]);

  const loadNewer = useCallback(() => {
    const edge = data?.messages.at(-1);
    if (key === null || conversationId === null || !data?.hasNewer || !edge) return;
    queryCache.extend(key, ...newerPage(conversationId, source, edge.id));
  }, [key, conversationId, source, data]);

  const jumpToLatest = useCallback(() => {
    setDismissedAnchor(options.anchorId ?? null);
    if (conversationId !== null) queryCache.refetch(messageWindowQuery(conversationId, source, null).key);
  }, [options.anchorId, conversationId, source]);

  return {
    conversation: data?.conversation ?? null,
    messages,
    hasOlder: data?.hasOlder ?? false,
    hasNewer: data?.hasNewer ?? false,
    loading,
    error,
    loadOlder,
    loadNewer,
    jumpToLatest,
  };
}
