import { randomUUID } from 'node:crypto';
import { type Message, OPERATOR_ID } from '../../../shared/domain';
import type { Intent, Priority } from '../../../shared/protocol';
import type { EventBus } from '../lib/event-bus';
import type { MessageRepository } from '../store/message-repository';

export interface OutgoingDeps {
  messages: MessageRepository;
  events: EventBus;
  now: () => number;
  /** The fleet's send: on the wire if the agent is online, else it waits in the outbox. */
  trySend: (message: Message) => Message;
}

export interface NewOutgoing {
  agentId: string;
  conversationId: string;
  /** Title of the conversation if this message opens it. */
  conversationTitle: string;
  intent: Intent;
  text: string;
  data: Record<string, unknown> | null;
  priority?: Priority;
}

/** Builds an operator message. Log it with `logOutgoing` (inside a transaction for many), then `announceAndSend`. */
export function newOutgoing(input: NewOutgoing, now: number): Message {
  return {
    id: randomUUID(),
    conversationId: input.conversationId,
    agentId: input.agentId,
    direction: 'out',
    from: OPERATOR_ID,
    to: input.agentId,
    intent: input.intent,
    text: input.text,
    data: input.data,
    priority: input.priority ?? 'normal',
    replyTo: null,
    status: 'queued',
    createdAt: now,
  };
}

/**
 * The same path as `messages:send`: logged first (the durable outbox), announced, then put on the wire. Callers that
 * fan out log all messages in one transaction (one fsync) and then send each.
 */
export class Outgoing {
  constructor(private readonly deps: OutgoingDeps) {}

  log(message: Message, conversationTitle: string): void {
    this.deps.messages.insert({ ...message, seq: null }, conversationTitle, this.deps.now());
  }

  announceAndSend(message: Message): Message {
    this.deps.events.emit('message:changed', message);
    const conversation = this.deps.messages.conversation(message.conversationId);
    if (conversation) this.deps.events.emit('conversation:changed', conversation);
    return this.deps.trySend(message);
  }
}
