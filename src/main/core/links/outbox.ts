import type { Message } from '../../../shared/domain';
import { CoreError } from '../core-error';
import type { EventBus } from '../lib/event-bus';
import type { LinkConfig } from '../link-config';
import type { MessageMarksRepository } from '../store/message-marks-repository';
import type { MessageRepository } from '../store/message-repository';
import type { FleetLog } from './fleet-log';
import type { Link } from './link';
import { ReplyTracker } from './reply-tracker';

export interface OutboxDeps {
  log: FleetLog;
  messages: MessageRepository;
  marks: MessageMarksRepository;
  events: EventBus;
  now: () => number;
  replyTimeoutsS: LinkConfig['replyTimeoutsS'];
  /** The link that currently carries an agent, if any. */
  routeOf: (agentId: string) => Link | undefined;
}

/**
 * Operator messages on their way out. They are logged before this sees them; this puts them on the wire when their
 * agent is online (at once, or when its link is next ready), lets queued ones be cancelled, and holds each request
 * to its reply deadline, which starts when it goes on the wire.
 */
export class Outbox {
  private readonly replies: ReplyTracker;

  constructor(private readonly deps: OutboxDeps) {
    this.replies = new ReplyTracker((ids) => this.onReplyTimeout(ids), deps.now);
    for (const { messageId, dueAt } of deps.marks.awaitingReply()) this.replies.expect(messageId, dueAt);
  }

  /** Requests still waiting for their reply; for tests that check nothing is left behind. */
  get awaitingReplies(): number {
    return this.replies.size;
  }

  /** Puts an already-logged outgoing message on the wire if its agent is online; otherwise it waits here. */
  trySend(message: Message): Message {
    const link = this.deps.routeOf(message.agentId);
    if (!link || !link.sendMessage(message, this.timeoutOf(message))) return message;
    const [sent] = this.markSent([message]);
    this.deps.events.emit('message:changed', sent!);
    return sent!;
  }

  /** Resends everything the agents on this link have not acked, oldest first. Agents dedupe by message id. */
  deliver(link: Link): void {
    const sent: Message[] = [];
    for (const agentId of link.agents.keys()) {
      if (this.deps.routeOf(agentId) !== link) continue;
      const cancelled = this.deps.marks.cancelledIds(agentId);
      for (const message of this.deps.messages.outbox(agentId)) {
        if (cancelled.has(message.id)) continue;
        if (!link.sendMessage(message, this.timeoutOf(message))) break;
        if (message.status === 'queued') sent.push(message);
      }
    }
    if (sent.length === 0) return;
    // One transaction for the whole outbox: 500 queued messages cost one fsync, not 500.
    for (const message of this.markSent(sent)) this.deps.events.emit('message:changed', message);
  }

  /** Cancels a message still in the outbox. Throws a readable reason when it cannot be cancelled. */
  cancel(messageId: string): Message {
    const message = this.deps.messages.get(messageId);
    if (!message || message.direction !== 'out') throw new CoreError('NOT_FOUND', `No outgoing message ${messageId}.`);
    const marks = this.deps.marks.get(messageId);
    if (marks?.cancelledAt != null) return { ...message, marks };
    if (message.status !== 'queued') {
      throw new CoreError('CONFLICT', `The message is already ${message.status}: only queued messages can be cancelled.`);
    }
    this.deps.log.markCancelled(messageId, this.deps.now());
    const cancelled = { ...message, marks: this.deps.marks.get(messageId) };
    this.deps.events.emit('message:changed', cancelled);
    return cancelled;
  }

  /** A reply to this request was logged: whether it still counts as its answer (awaited, or overdue). */
  settleReply(requestId: string): boolean {
    return this.replies.settle(requestId) || this.deps.log.isOverdue(requestId);
  }

  close(): void {
    this.replies.close();
  }

  private timeoutOf(message: Message): number | null {
    return this.deps.replyTimeoutsS[message.intent] ?? null;
  }

  /** Starts the reply clock of each request as it goes on the wire. */
  private markSent(messages: Message[]): Message[] {
    const due = new Map<string, number>();
    const marked = this.deps.log.markSent(messages, (message) => {
      const timeoutS = this.timeoutOf(message);
      if (timeoutS === null) return null;
      const dueAt = this.deps.now() + timeoutS * 1000;
      due.set(message.id, dueAt);
      return dueAt;
    });
    for (const [id, dueAt] of due) this.replies.expect(id, dueAt);
    return marked;
  }

  private onReplyTimeout(ids: string[]): void {
    for (const message of this.deps.log.markTimedOut(ids, this.deps.now())) this.deps.events.emit('message:changed', message);
  }
}
