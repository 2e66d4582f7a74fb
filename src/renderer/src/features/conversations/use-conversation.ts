import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Message } from '../../../../shared/domain';
import { api } from '../../lib/api';

const PAGE_SIZE = 100;

export interface ConversationState {
  messages: Message[];
  hasOlder: boolean;
  loading: boolean;
  error: ApiError | null;
  loadOlder(): void;
}

/**
 * One conversation, read from the log a page at a time (newest first, then older pages on demand), and kept live
 * by `message:changed` events. It never holds more of the history than the operator has scrolled through.
 */
export function useConversation(conversationId: string | null): ConversationState {
  const [messages, setMessages] = useState<Message[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    setMessages([]);
    setHasOlder(false);
    setError(null);
    if (conversationId === null) return;
    let alive = true;
    setLoading(true);
    const off = api.onMessageChanged((message) => {
      if (message.conversationId !== conversationId) return;
      setMessages((current) => upsert(current, message));
    });
    void api.messages.list({ conversationId, limit: PAGE_SIZE }).then((result) => {
      if (!alive) return;
      setLoading(false);
      if (!result.ok) return setError(result.error);
      // Events that arrived while the page loaded are newer than it (or updates of it): merge, do not replace.
      setMessages((live) => live.reduce(upsert, result.value.messages));
      setHasOlder(result.value.hasOlder);
    });
    return () => {
      alive = false;
      off();
    };
  }, [conversationId]);

  const loadOlder = useCallback(() => {
    const oldest = messages[0];
    if (conversationId === null || !oldest || loading) return;
    setLoading(true);
    void api.messages.list({ conversationId, beforeId: oldest.id, limit: PAGE_SIZE }).then((result) => {
      setLoading(false);
      if (!result.ok) return setError(result.error);
      setMessages((current) => [...result.value.messages, ...current]);
      setHasOlder(result.value.hasOlder);
    });
  }, [conversationId, messages, loading]);

  return { messages, hasOlder, loading, error, loadOlder };
}

function upsert(list: Message[], message: Message): Message[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index === -1) return [...list, message];
  const next = list.slice();
  next[index] = message;
  return next;
}
