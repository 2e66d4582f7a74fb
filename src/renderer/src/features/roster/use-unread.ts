import { useEffect, useState } from 'react';
import { api } from '../../lib/api';

/**
 * Agent messages that arrived in a conversation other than the one on screen, counted per agent, in arrival order
 * (for "next unread"). Opening the agent's conversation clears its count.
 */
export function useUnread(conversationOnScreen: string | null): { unread: ReadonlyMap<string, number>; order: string[] } {
  const [unread, setUnread] = useState<Map<string, number>>(new Map());
  useEffect(() => {
    return api.onMessageChanged((message) => {
      if (message.direction !== 'in' || message.status !== 'received' || message.conversationId === conversationOnScreen) return;
      if (!message.conversationId.startsWith('direct:')) return;
      setUnread((current) => new Map(current).set(message.agentId, (current.get(message.agentId) ?? 0) + 1));
    });
  }, [conversationOnScreen]);
  useEffect(() => {
    if (!conversationOnScreen?.startsWith('direct:')) return;
    const agentId = conversationOnScreen.slice('direct:'.length);
    setUnread((current) => {
      if (!current.has(agentId)) return current;
      const next = new Map(current);
      next.delete(agentId);
      return next;
    });
  }, [conversationOnScreen]);
  return { unread, order: [...unread.keys()] };
}
