import { randomUUID } from 'node:crypto';
import { type Message, OPERATOR_ID } from '../../../shared/domain';
import type { Intent, Priority } from '../../../shared/protocol';

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

/** Builds an operator message. Log it with `OutgoingSender.log` (inside a transaction for many), then `announceAndSend`. */
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
 * The one path an operator message takes out (messages/outgoing.ts): logged first (the durable outbox), announced,
 * then put on the wire. Declared here so features that send (operations) need not import the messages module.
 */
export interface OutgoingSender {
  log(message: Message, conversationTitle: string): void;
  announceAndSend(message: Message): Message;
}
