import type { Statement } from 'better-sqlite3';
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
  /**
   * Set by commitIncoming: why the message was not taken (its id or its reply_to names another agent's message).
   * Nothing of it was written; it is answered with OUT_OF_SCOPE and not acked.
   */
  refused?: string;
}

/** Whose a logged message is: the agent it was from or to, and which way it went. */
export interface MessageOwner {
  agentId: string;
  direction: Message['direction'];
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
  /** Only the two columns the border checks need, not the row with its text (up to 512 Ki) and data. */
  private readonly ownerStmt: Statement<[string], MessageOwner>;

  constructor(private readonly deps: FleetLogDeps) {
    this.ownerStmt = deps.db.prepare<[string], MessageOwner>('SELECT agent_id AS agentId, direction FROM messages WHERE id = ?');
  }

  /** The agent a logged message belongs to (it is from or to that agent), or undefined if no message has this id. */
  ownerOf(messageId: string): MessageOwner | undefined {
    return this.ownerStmt.get(messageId);
  }

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
   *
   * A message may only act on its own agent's messages: one whose reply_to names another agent's message, or whose
   * id is already another agent's, is marked `refused` and leaves no trace (no row, no seq, no settled request).
   */
  commitIncoming(batch: IncomingEntry[], nameOf: (agentId: string) => string, settle: (requestId: string) => boolean, now: number): void {
    const { messages, marks, agents } = this.deps;
    const maxSeq = new Map<string, number>();
    this.deps.db.transaction(() => {
      const admitted = this.admit(batch);
      const inserted = messages.insertBatch(
        admitted.map((e) => e.message),
        admitted.map((e) => e.frame.seq ?? null),
        (m) => nameOf(m.agentId),
        now,
      );
      for (let i = 0; i < admitted.length; i++) {
        const entry = admitted[i]!;
        const { frame, agentId, message } = entry;
        if (inserted[i]) {
          entry.logged = message;
        } else if (this.isOthers(frame.id, agentId)) {
          // Not a resend: the id is another agent's message (the insert left it as it was).
          entry.refused = `Message id "${frame.id}" is already another agent's message; use ids of your own.`;
          continue;
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

  private isOthers(messageId: string, agentId: string): boolean {
    const owner = this.ownerOf(messageId);
    return owner !== undefined && owner.agentId !== agentId;
  }

  /**
   * The entries whose reply_to names no other agent's message (logged, or earlier in this batch); the others are
   * marked refused. Only replies cost a lookup, so the common message costs none.
   */
  private admit(batch: IncomingEntry[]): IncomingEntry[] {
    let inBatch: Map<string, string> | null = null;
    const admitted: IncomingEntry[] = [];
    for (const entry of batch) {
      entry.logged = entry.answered = entry.refused = undefined;
      const replyTo = entry.message.replyTo;
      if (replyTo !== null) {
        inBatch ??= new Map(batch.map((e) => [e.frame.id, e.agentId] as const).reverse());
        const owner = this.ownerOf(replyTo)?.agentId ?? inBatch.get(replyTo);
        if (owner !== undefined && owner !== entry.agentId) {
          entry.refused = `reply_to "${replyTo}" names another agent's message.`;
          continue;
        }
      }
      admitted.push(entry);
    }
    return admitted;
  }

  /** Whether a request passed its reply deadline and has not been answered yet. */
  isOverdue(requestId: string): boolean {
    const marks = this.deps.marks.get(requestId);
    return marks !== undefined && marks !== null && marks.timedOutAt !== null && marks.repliedAt === null;
  }

  /**
   * Marks outgoing messages delivered (their agent acked them); returns the ones that changed, with their marks. An
   * ack counts only for a message to the agent that sent it.
   */
  markDelivered(acks: readonly { agentId: string; id: string }[]): Message[] {
    const delivered: Message[] = [];
    this.deps.db.transaction(() => {
      for (const { agentId, id } of acks) {
        const message = this.deps.messages.get(id);
        if (!message || message.direction !== 'out' || message.agentId !== agentId || message.status === 'delivered') continue;
        this.deps.messages.setStatus(id, 'delivered');
        delivered.push({ ...message, status: 'delivered' });
      }
    })();
    return this.deps.marks.attach(delivered);
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

  withMarks(message: Message | undefined): Message | undefined {
    return message && { ...message, marks: this.deps.marks.get(message.id) };
  }
}
