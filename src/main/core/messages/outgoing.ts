import type { Message } from '../../../shared/domain';
import type { EventBus } from '../lib/event-bus';
import type { OutgoingSender } from '../lib/outgoing-message';
import type { MessageRepository } from '../store/message-repository';

export interface OutgoingDeps {
  messages: MessageRepository;
  events: EventBus;
  now: () => number;
  /** The fleet's send: on the wire if the agent is online, else it waits in the outbox. */
  trySend: (message: Message) => Message;
}

/**
 * Every operator message goes out this way (messages:send, intents, broadcasts, rooms): logged first (the durable
 * outbox), announced, then put on the wire. Callers that fan out log all messages in one transaction (one fsync)
 * and then send each.
 */
export class Outgoing implements OutgoingSender {
  constructor(private readonly deps: OutgoingDeps) {}

  log(message: Message, conversationTitle: string): void {
    this.deps.messages.insert({ ...message, seq: null }, conversationTitle, this.deps.now());
  }

  announceAndSend(message: Message): Message {
    this.deps.events.emit('message:changed', message);
    return this.deps.trySend(message);
  }
}
