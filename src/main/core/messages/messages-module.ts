import { directConversationId } from '../../../shared/domain';
import type { ContractHandlers } from '../contract-dispatch';
import { CoreError } from '../core-error';
import type { EventBus } from '../lib/event-bus';
import { newOutgoing } from '../lib/outgoing-message';
import type { AgentRepository } from '../store/agent-repository';
import type { MessageRepository } from '../store/message-repository';
import type { Message } from '../../../shared/domain';
import { Outgoing } from './outgoing';

export type MessagesHandlers = Pick<ContractHandlers, 'conversations:list' | 'messages:send' | 'messages:cancel' | 'messages:recent'>;

/**
 * Conversations and the operator's chat messages. Reading a conversation is history's `messages:range` and
 * `messages:around` (with marks), the one read path; sending is `outgoing`, shared with every other sender.
 */
export function createMessagesModule(deps: {
  agents: AgentRepository;
  messages: MessageRepository;
  events: EventBus;
  now: () => number;
  trySend: (message: Message) => Message;
  cancel: (messageId: string) => Message | Promise<Message>;
}) {
  const outgoing = new Outgoing(deps);
  const handlers: MessagesHandlers = {
    'conversations:list': ({ agentId }) => deps.messages.conversations(agentId),
    'messages:send': ({ agentId, conversationId, text, intent }) => {
      const agent = deps.agents.get(agentId);
      if (!agent) throw new CoreError('NOT_FOUND', `No agent with id ${agentId} has ever connected.`);
      const message = newOutgoing(
        { agentId, conversationId: conversationId ?? directConversationId(agentId), conversationTitle: agent.name, intent, text, data: null },
        deps.now(),
      );
      // Logged before it is sent: if the app dies now, the message is still in the outbox on restart.
      outgoing.log(message, agent.name);
      return outgoing.announceAndSend(message);
    },
    'messages:cancel': ({ id }) => deps.cancel(id),
    'messages:recent': ({ limit }) => deps.messages.recentIncoming(limit),
  };
  return { handlers, outgoing, close(): void {} };
}

export type MessagesModule = ReturnType<typeof createMessagesModule>;
