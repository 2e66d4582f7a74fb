import type { Result } from '@shared/contract';
import type { Message } from '@shared/domain';
import type { HistorySource, MessageWindow } from '@shared/history';
import { type Invoke, onEvent, type QuerySpec, queryKey } from '../../lib/query-cache';
import { upsert } from '../../lib/upsert';

export const PAGE_SIZE = 100;
const CONTEXT = 50;
/**
 * The most messages a window holds. A conversation streaming all day would otherwise keep every message it ever
 * showed; past this, the oldest leave the window (the log still has them: scrolling up pages them back in).
 */
export const WINDOW_MAX = 600;

const EMPTY: MessageWindow = { conversation: null, messages: [], hasOlder: false, hasNewer: false };
const idOf = (message: Message) => message.id;

/**
 * The cache entry of a conversation window: the newest page, or the context around `anchorId` (an opened search
 * hit). In the live log it is kept current by `message:changed`.
 */
export function messageWindowQuery(conversationId: string, source: HistorySource, anchorId: string | null): QuerySpec<MessageWindow> {
  if (anchorId !== null) {
    const request = { source, messageId: anchorId, before: CONTEXT, after: CONTEXT };
    return {
      // The conversation is part of the key: an anchor opened in another conversation is another window.
      key: `${queryKey('messages:around', request)} ${conversationId}`,
      load: (invoke) => invoke('messages:around', request),
      initial: EMPTY,
      merges: source === 'live' ? [liveMerge(conversationId)] : [],
    };
  }
  const request = { source, conversationId, limit: PAGE_SIZE };
  return {
    key: queryKey('messages:range', request),
    load: (invoke) => invoke('messages:range', request),
    initial: EMPTY,
    merges: source === 'live' ? [liveMerge(conversationId)] : [],
  };
}

function liveMerge(conversationId: string) {
  return onEvent('message:changed', (window: MessageWindow, batch) => mergeLive(window, conversationId, batch));
}

/**
 * Logged messages of this conversation: one already in the window is replaced; a new one is appended only while the
 * window reaches the newest end (deeper in history it is found by paging newer).
 */
export function mergeLive(window: MessageWindow, conversationId: string, batch: readonly Message[]): MessageWindow {
  const mine = batch.filter((m) => m.conversationId === conversationId);
  if (mine.length === 0) return window;
  const messages = upsert(window.messages, mine, idOf, window.hasNewer ? 'none' : 'end');
  if (messages === window.messages) return window;
  return messages.length > WINDOW_MAX ? { ...window, messages: messages.slice(-WINDOW_MAX), hasOlder: true } : { ...window, messages };
}

/** The page older than `beforeId`, put in front of the window. */
export function olderPage(
  conversationId: string,
  source: HistorySource,
  beforeId: string,
): [load: (invoke: Invoke) => Promise<Result<MessageWindow>>, combine: (window: MessageWindow, page: MessageWindow) => MessageWindow] {
  return [
    (invoke) => invoke('messages:range', { source, conversationId, limit: PAGE_SIZE, beforeId }),
    (window, page) => {
      const messages = [...page.messages, ...window.messages];
      // Paging up drops the newest end past the bound; paging down or a live message brings it back.
      return messages.length > WINDOW_MAX
        ? { ...window, messages: messages.slice(0, WINDOW_MAX), hasOlder: page.hasOlder, hasNewer: true }
        : { ...window, messages, hasOlder: page.hasOlder };
    },
  ];
}

/** The page newer than `afterId`, merged at the end (live events may already have brought some of it). */
export function newerPage(
  conversationId: string,
  source: HistorySource,
  afterId: string,
): [load: (invoke: Invoke) => Promise<Result<MessageWindow>>, combine: (window: MessageWindow, page: MessageWindow) => MessageWindow] {
  return [
    (invoke) => invoke('messages:range', { source, conversationId, limit: PAGE_SIZE, afterId }),
    (window, page) => {
      const messages = upsert(window.messages, page.messages, idOf, 'end');
      return messages.length > WINDOW_MAX
        ? { ...window, messages: messages.slice(-WINDOW_MAX), hasOlder: true, hasNewer: page.hasNewer }
        : { ...window, messages, hasNewer: page.hasNewer };
    },
  ];
}
