import type { Message } from '../../../shared/domain';
import type { AgentCard, MessageFrame } from '../../../shared/protocol';
import type { AgentRepository } from '../store/agent-repository';
import type { Database } from '../store/database';
import type { MessageMarksRepository } from '../store/message-marks-repository';
import type { MessageRepository } from '../store/message-repository';

export interface FleetLogDeps {
  db: Database;
  agents: AgentRepository;
  messages: MessageRepository;
  marks: MessageMarksRepository;
}

/** One incoming message to commit, and what the commit found out about it. */
export interface IncomingEntry {
  agentId: string;
  frame: MessageFrame;
  /** The log's record of it, built from the validated frame (never re-read after the insert). */
  message: Message;
  /** Set by commitIncoming: the message to announce once committed; undefined for a duplicate. */
  logged?: Message;
  /** Set by commitIncoming: the operator request this message answers, with its new marks. */
  answered?: Message;
}

/** A message to keep for a stream whose link dropped before its final `message`. */
export interface InterruptedEntry {
  message: Message;
  agentName: string;
}

/**
 * Everything the fleet writes to the log, and the only part of the fleet that opens transactions: one method is
 * one transaction, so no write path is split across collaborators and none is ever nested in another.
 */
export class FleetLog {
  constructor(private readonly deps: FleetLogDeps) {}

  /** Records the cards a link announced; returns the last committed seq of each, for resume. */
  recordAnnounced(cards: Iterable<AgentCard>, endpointId: string | null, now: number): Record<string, number> {
    const lastSeq: Record<string, number> = {};
    this.deps.db.transaction(() => {
      for (const card of cards) {
        this.deps.agents.upsertFromCard(card, endpointId, now);
        lastSeq[card.id] = this.deps.agents.get(card.id)?.lastSeq ?? 0;
      }
    })();
    return lastSeq;
  }

  /**
   * Commits a batch of incoming messages with one last_seq update per agent. `settle(requestId)` says whether a
   * reply still answers its request (awaited, or overdue: a late reply still counts, so the request keeps its
   * "timed out" mark and gains "replied").
   */
  commitIncoming(batch: IncomingEntry[], nameOf: (agentId: string) => string, settle: (requestId: string) => boolean, now: number): void {
    const { messages, marks, agents } = this.deps;
    const maxSeq = new Map<string, number>();
    this.deps.db.transaction(() => {
      const inserted = messages.insertBatch(
        batch.map((e) => e.message),
        batch.map((e) => e.frame.seq ?? null),
        (m) => nameOf(m.agentId),
        now,
      );
      for (let i = 0; i < batch.length; i++) {
        const entry = batch[i]!;
        const { frame, agentId, message } = entry;
        if (inserted[i]) {
          entry.logged = message;
        } else if (marks.get(frame.id)?.interrupted) {
          // The final message of a stream whose partial was kept when its link dropped: it now has the full text.
          marks.completeStream(frame.id, message.text, frame.data ? JSON.stringify(frame.data) : null, message.replyTo, frame.seq ?? null);
          entry.logged = this.withMarks(messages.get(frame.id));
        }
        if (frame.seq !== undefined) maxSeq.set(agentId, Math.max(maxSeq.get(agentId) ?? 0, frame.seq));
        if (entry.logged && message.replyTo !== null && settle(message.replyTo)) {
          marks.set(message.replyTo, 'replied_at', now);
          entry.answered = this.withMarks(messages.get(message.replyTo));
        }
      }
      for (const [agentId, seq] of maxSeq) agents.advanceSeq(agentId, seq, now);
    })();
  }

  /** Whether a request passed its reply deadline and has not been answered yet. */
  isOverdue(requestId: string): boolean {
    const marks = this.deps.marks.get(requestId);
    return marks !== undefined && marks !== null && marks.timedOutAt !== null && marks.repliedAt === null;
  }

  /** Marks outgoing messages delivered (the agent acked them); returns the ones that changed, with their marks. */
  markDelivered(ids: string[]): Message[] {
    const delivered: Message[] = [];
    this.deps.db.transaction(() => {
      for (const id of ids) {
        const message = this.deps.messages.get(id);
        if (!message || message.direction !== 'out' || message.status === 'delivered') continue;
        this.deps.messages.setStatus(id, 'delivered');
        delivered.push({ ...message, status: 'delivered' });
      }
    })();
    return this.withMarksMany(delivered);
  }

  /** Marks messages sent, with their reply deadline (null: none expected). One transaction for a whole outbox. */
  markSent(messages: Message[], dueAtOf: (message: Message) => number | null): Message[] {
    const marked: Message[] = [];
    this.deps.db.transaction(() => {
      for (const message of messages) {
        this.deps.messages.setStatus(message.id, 'sent');
        const dueAt = dueAtOf(message);
        if (dueAt !== null) this.deps.marks.set(message.id, 'reply_due_at', dueAt);
        const marks = this.deps.marks.get(message.id);
        marked.push({ ...message, status: 'sent', ...(marks ? { marks } : {}) });
      }
    })();
    return marked;
  }

  markTimedOut(ids: string[], now: number): Message[] {
    this.deps.db.transaction(() => {
      for (const id of ids) this.deps.marks.set(id, 'timed_out_at', now);
    })();
    return ids.flatMap((id) => {
      const message = this.withMarks(this.deps.messages.get(id));
      return message ? [message] : [];
    });
  }

  markCancelled(id: string, now: number): void {
    this.deps.marks.set(id, 'cancelled_at', now);
  }

  /** Writes when agents were last seen, and keeps interrupted streams; returns the messages kept. */
  keepOnLinkDown(seen: Map<string, number>, streams: InterruptedEntry[], now: number): Message[] {
    const kept: Message[] = [];
    this.deps.db.transaction(() => {
      for (const [agentId, at] of seen) this.deps.agents.touch(agentId, at);
      for (const { message, agentName } of streams) {
        if (this.deps.messages.insert({ ...message, seq: null }, agentName, now)) {
          this.deps.marks.set(message.id, 'interrupted', 1);
          kept.push({ ...message, marks: this.deps.marks.get(message.id) });
        }
      }
    })();
    return kept;
  }

  /** Adds link-layer marks (cancelled, awaiting reply, timed out, interrupted) to messages read from the log. */
  withMarksMany(messages: Message[]): Message[] {
    const marks = this.deps.marks.many(messages.map((m) => m.id));
    return messages.map((m) => {
      const mark = marks.get(m.id);
      return mark ? { ...m, marks: mark } : m;
    });
  }

  private withMarks(message: Message | undefined): Message | undefined {
    return message && { ...message, marks: this.deps.marks.get(message.id) };
  }
}
