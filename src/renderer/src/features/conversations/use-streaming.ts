import { useEffect, useState } from 'react';
import type { StreamingReply } from '../../../../shared/domain';
import { api } from '../../lib/api';

/**
 * Replies being streamed into one conversation, by id. A reply leaves this list when its final message (or its
 * interrupted partial) is logged: from then on the conversation shows the logged message instead.
 */
export function useStreaming(conversationId: string): StreamingReply[] {
  const [streams, setStreams] = useState<Map<string, StreamingReply>>(new Map());

  useEffect(() => {
    setStreams(new Map());
    const offStreamed = api.onMessageStreamed((reply) => {
      if (reply.conversationId !== conversationId) return;
      setStreams((current) => new Map(current).set(reply.id, reply));
    });
    const offChanged = api.onMessageChanged((message) => {
      setStreams((current) => {
        if (!current.has(message.id)) return current;
        const next = new Map(current);
        next.delete(message.id);
        return next;
      });
    });
    return () => {
      offStreamed();
      offChanged();
    };
  }, [conversationId]);

  return [...streams.values()];
}
