import type { Message } from '@shared/domain';
import { parseConversationId } from '@shared/domain';

/** Agent messages counted per agent, in arrival order, outside the conversation on screen. */
export interface UnreadState {
  onScreen: string | null;
  counts: ReadonlyMap<string, number>;
}

export const NO_UNREAD: UnreadState = { onScreen: null, counts: new Map() };

/** Counts each agent message that was received in a direct conversation other than the one on screen. */
export function countUnread(state: UnreadState, batch: readonly Message[]): UnreadState {
  let counts: Map<string, number> | null = null;
  for (const message of batch) {
    if (message.direction !== 'in' || message.status !== 'received' || message.conversationId === state.onScreen) continue;
    if (parseConversationId(message.conversationId).kind !== 'direct') continue;
    counts ??= new Map(state.counts);
    counts.set(message.agentId, (counts.get(message.agentId) ?? 0) + 1);
  }
  return counts ? { ...state, counts } : state;
}

/** The conversation on screen changed: its agent's messages are read now. */
export function viewConversation(state: UnreadState, conversationId: string | null): UnreadState {
  const ref = conversationId === null ? null : parseConversationId(conversationId);
  let counts = state.counts;
  if (ref?.kind === 'direct' && counts.has(ref.agentId)) {
    const next = new Map(counts);
    next.delete(ref.agentId);
    counts = next;
  }
  return counts === state.counts && state.onScreen === conversationId ? state : { onScreen: conversationId, counts };
}
