import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Message } from '../../../../shared/domain';
import type { HistorySource, MessageWindow } from '../../../../shared/history';
import { api } from '../../lib/api';

const PAGE_SIZE = 100;
const CONTEXT = 50;

export interface ConversationState {
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

/**
 * A window of one conversation paged in from the log both ways by keyset: the newest page, or the context around
 * `anchorId` when a search hit is opened, then older or newer pages as the view reaches either end. New messages
 * are merged live only while the window reaches the newest end; deeper in history they are found by paging newer.
 */
export function useConversation(
  conversationId: string | null,
  options: { anchorId?: string | null; source?: HistorySource } = {},
): ConversationState {
  const source = options.source ?? 'live';
  // After "back to latest" the anchor of the opened hit no longer applies, until another hit is opened.
  const [dismissedAnchor, setDismissedAnchor] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const anchorId = options.anchorId && options.anchorId !== dismissedAnchor ? options.anchorId : null;
  const [messages, setMessages] = useState<Message[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [hasNewer, setHasNewer] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Refs mirror what async callbacks need, so a page that lands late never merges into a different window.
  const live = useRef({ generation: 0, hasNewer: false, busy: false });

  useEffect(() => {
    const gen = live.current.generation + 1;
    live.current = { generation: gen, hasNewer: false, busy: true };
    setMessages([]);
    setHasOlder(false);
    setHasNewer(false);
    setError(null);
    if (conversationId === null) return;
    setLoading(true);
    const off =
      source === 'live'
        ? api.onMessageChanged((message) => {
            if (message.conversationId !== conversationId || live.current.generation !== gen) return;
            setMessages((current) => upsert(current, message, !live.current.hasNewer));
          })
        : () => {};
    const first =
      anchorId !== null
        ? api.messages.around({ source, messageId: anchorId, before: CONTEXT, after: CONTEXT })
        : api.messages.range({ source, conversationId, limit: PAGE_SIZE });
    void first.then((result) => {
      if (live.current.generation !== gen) return;
      live.current.busy = false;
      setLoading(false);
      if (!result.ok) return setError(result.error);
      apply(result.value, 'replace');
    });
    return () => {
      live.current.generation++;
      off();
    };
    // `generation` re-runs this after jumpToLatest.
  }, [conversationId, anchorId, source, generation]);

  function apply(window: MessageWindow, how: 'replace' | 'older' | 'newer') {
    if (how === 'replace') {
      // Events that arrived while the page loaded are newer than it (or updates of it): merge, do not replace.
      setMessages((arrived) => arrived.reduce((list, m) => upsert(list, m, !window.hasNewer), window.messages));
      setHasOlder(window.hasOlder);
    } else if (how === 'older') {
      setMessages((current) => [...window.messages, ...current]);
      setHasOlder(window.hasOlder);
      return;
    } else {
      setMessages((current) => window.messages.reduce((list, m) => upsert(list, m, true), current));
    }
    live.current.hasNewer = window.hasNewer;
    setHasNewer(window.hasNewer);
  }

  const page = useCallback(
    (direction: 'older' | 'newer') => {
      const edge = direction === 'older' ? messages[0] : messages.at(-1);
      if (conversationId === null || !edge || live.current.busy) return;
      if (direction === 'older' ? !hasOlder : !hasNewer) return;
      const gen = live.current.generation;
      live.current.busy = true;
      setLoading(true);
      void api.messages
        .range({
          source,
          conversationId,
          limit: PAGE_SIZE,
          ...(direction === 'older' ? { beforeId: edge.id } : { afterId: edge.id }),
        })
        .then((result) => {
          if (live.current.generation !== gen) return;
          live.current.busy = false;
          setLoading(false);
          if (!result.ok) return setError(result.error);
          apply(result.value, direction);
        });
    },
    [conversationId, messages, hasOlder, hasNewer, source],
  );

  return {
    messages,
    hasOlder,
    hasNewer,
    loading,
    error,
    loadOlder: useCallback(() => page('older'), [page]),
    loadNewer: useCallback(() => page('newer'), [page]),
    jumpToLatest: useCallback(() => {
      setDismissedAnchor(options.anchorId ?? null);
      setGeneration((g) => g + 1);
    }, [options.anchorId]),
  };
}

/** Replaces a message already in the window; appends a new one only when the window reaches the newest end. */
function upsert(list: Message[], message: Message, appendNew: boolean): Message[] {
  // Updates are nearly always of recent messages: look from the end, so a 100,000-message window stays cheap.
  let index = -1;
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i]!.id === message.id) {
      index = i;
      break;
    }
  }
  if (index === -1) return appendNew ? [...list, message] : list;
  const next = list.slice();
  next[index] = message;
  return next;
}
