import { type Message, OPERATOR_ID } from '../../../shared/domain';
import type { MessageFrame } from '../../../shared/protocol';
import { CommitBatcher } from '../lib/commit-batcher';
import type { EventBus } from '../lib/event-bus';
import type { Logger } from '../logger';
import type { FleetLog, IncomingEntry } from './fleet-log';
import type { InboundOf, Link, Receipt } from './link';
import type { Outbox } from './outbox';
import { type OpenStream, StreamAssembler } from './stream-assembler';

export interface IngestPipelineDeps {
  log: FleetLog;
  outbox: Outbox;
  events: EventBus;
  logger: Logger;
  now: () => number;
  ingest: { maxBatch: number; maxDelayMs: number };
  /** What one link's open streams may hold (link-bounds.ts). */
  streams: { maxOpenStreams: number; maxStreamedChars: number };
  nameOf: (agentId: string) => string;
  /** Rolled back: conversations the batch created are not in the log after all. */
  forgetKnownConversations: () => void;
}

interface PendingIngest extends IncomingEntry {
  link: Link;
}

/**
 * Uncommitted messages one link may have waiting before its socket stops being read. About two batches: enough to
 * keep the next commit full, few enough that another agent's message waits at most a batch or two behind a burst.
 */
const LINK_HIGH_WATER_BATCHES = 2;

/**
 * Incoming agent messages, from the link to the log to the windows: group commit, dedupe, stream assembly and
 * completion, reply settlement, then ack after commit. Streams cut by a dropped link are kept as interrupted.
 */
export class IngestPipeline {
  private readonly ingest: CommitBatcher<PendingIngest>;
  private readonly acks: CommitBatcher<{ agentId: string; id: string }>;
  private readonly streams: StreamAssembler;
  /** Requests a failed group commit settled in memory: its rollback undid their marks, the retry must redo them. */
  private readonly settledByFailedCommit = new Set<string>();
  /** Uncommitted messages per link, for back-pressure: a flooding link is paused, not its neighbours. */
  private readonly waitingByLink = new Map<Link, number>();
  private readonly highWater: number;

  constructor(private readonly deps: IngestPipelineDeps) {
    const { maxBatch, maxDelayMs } = deps.ingest;
    this.highWater = Math.max(1, maxBatch * LINK_HIGH_WATER_BATCHES);
    this.streams = new StreamAssembler(deps.streams);
    this.ingest = new CommitBatcher<PendingIngest>({
      maxBatch,
      maxDelayMs,
      commit: (batch) => {
        this.settledByFailedCommit.clear();
        deps.log.commitIncoming(batch, deps.nameOf, (id) => this.settle(id), deps.now());
      },
      afterCommit: (batch) => this.afterCommitted(batch),
      onCommitFailed: (batch, error) => {
        deps.forgetKnownConversations();
        this.isolate(batch, error);
      },
    });
    this.acks = new CommitBatcher<{ agentId: string; id: string }>({
      maxBatch,
      maxDelayMs,
      commit: (acks) => {
        for (const message of deps.log.markDelivered(acks)) deps.events.emit('message:changed', message);
      },
      afterCommit: () => {},
      onCommitFailed: (ids, error) =>
        // The messages stay 'sent' and go out again on the next welcome; the agent dedupes and acks again.
        deps.logger.error(`could not record ${ids.length} acks`, error),
    });
  }

  message(link: Link, agentId: string, frame: MessageFrame): void {
    // The final message of another agent's open stream would complete it: refused here, before it is queued. Its
    // id and reply_to are checked against the log in the commit (FleetLog.commitIncoming).
    const streamer = this.streams.agentOf(frame.id);
    if (streamer !== undefined && streamer !== agentId) {
      return link.refuse(agentId, frame.id, 'OUT_OF_SCOPE', `Message id "${frame.id}" is another agent's open stream.`);
    }
    this.ingest.add({ link, agentId, frame, message: incomingMessage(frame, agentId) });
    const waiting = (this.waitingByLink.get(link) ?? 0) + 1;
    this.waitingByLink.set(link, waiting);
    if (waiting === this.highWater) link.pauseReading?.();
  }

  delta(link: Link, agentId: string, frame: InboundOf<'delta'>): void {
    if (!this.streams.has(agentId, frame.id)) {
      // A new stream may not take the id of another agent's logged message. The agent's own is fine: that is a
      // stream resumed after its link dropped, whose final message completes the interrupted row.
      const owner = this.deps.log.ownerOf(frame.id);
      if (owner !== undefined && owner.agentId !== agentId) {
        return link.refuse(agentId, frame.id, 'OUT_OF_SCOPE', `Stream id "${frame.id}" is already another agent's message.`);
      }
    }
    const appended = this.streams.append(link.endpoint.id, agentId, frame.id, frame.conversation_id, frame.text);
    if (!appended.ok) return link.refuse(agentId, frame.id, appended.code, appended.message);
    const { stream } = appended;
    this.deps.events.emit('message:streamed', { id: stream.id, conversationId: stream.conversationId, agentId, text: stream.text });
  }

  /**
   * Why an agent's `ack` of `id` is refused, or null: an ack may only confirm a message sent to that agent. Acks of
   * ids that are not outgoing messages (a decision_result's, say) are left to whoever sent that id.
   */
  ackRefusal(agentId: string, id: string): string | null {
    const owner = this.deps.log.ownerOf(id);
    if (owner === undefined || owner.direction !== 'out' || owner.agentId === agentId) return null;
    return `Message "${id}" was sent to another agent: an ack may only confirm messages sent to you.`;
  }

  /** The agent received an operator message: recorded as delivered in the next ack batch. */
  ack(agentId: string, id: string): void {
    this.acks.add({ agentId, id });
  }

  /** Streams cut by a dropped link, removed from the assembler; the caller keeps them in the log. */
  interrupted(link: Link): OpenStream[] {
    return this.streams.interruptLink(link.endpoint.id);
  }

  /** The log's record of a stream whose link dropped: what was streamed so far. */
  interruptedMessage(stream: OpenStream): Message {
    return {
      id: stream.id,
      conversationId: stream.conversationId,
      agentId: stream.agentId,
      direction: 'in',
      from: stream.agentId,
      to: OPERATOR_ID,
      intent: 'chat',
      text: stream.text,
      data: null,
      priority: 'normal',
      replyTo: null,
      status: 'received',
      createdAt: this.deps.now(),
    };
  }

  /** Commits what is waiting (on shutdown). */
  flush(): void {
    this.ingest.flush();
    this.acks.flush();
  }

  /**
   * A group commit failed: one frame must not fail its neighbours (possibly other links' agents). Each is retried
   * alone; those that commit are acked, and one that fails again is answered with INTERNAL and its id, so the
   * agent learns which frame the console cannot take instead of resending the whole burst for ever.
   */
  private isolate(batch: PendingIngest[], batchError: unknown): void {
    const { log, logger, nameOf, outbox, now } = this.deps;
    if (batch.length === 1) return this.refuseInternal(batch[0]!, batchError);
    const committed: PendingIngest[] = [];
    for (const entry of batch) {
      try {
        log.commitIncoming([entry], nameOf, (id) => outbox.settleReply(id) || this.settledByFailedCommit.delete(id), now());
        committed.push(entry);
      } catch (error) {
        this.deps.forgetKnownConversations();
        this.refuseInternal(entry, error);
      }
    }
    if (committed.length < batch.length) logger.warn(`a batch of ${batch.length} incoming messages was committed one by one: ${batch.length - committed.length} refused`);
    this.afterCommitted(committed);
  }

  private settle(requestId: string): boolean {
    const settled = this.deps.outbox.settleReply(requestId);
    if (settled) this.settledByFailedCommit.add(requestId);
    return settled;
  }

  private refuseInternal(entry: PendingIngest, error: unknown): void {
    this.deps.logger.error(`could not commit incoming message ${entry.frame.id}; refused with INTERNAL`, error);
    entry.link.refuse(entry.agentId, entry.frame.id, 'INTERNAL', 'The console could not store this message; it was not acked.');
    this.settled(entry.link, 1);
  }

  /** `count` of the link's messages left the queue (committed or refused): its socket is read again below half. */
  private settled(link: Link, count: number): void {
    const before = this.waitingByLink.get(link) ?? 0;
    const waiting = Math.max(0, before - count);
    if (waiting === 0) this.waitingByLink.delete(link);
    else this.waitingByLink.set(link, waiting);
    if (before >= this.highWater / 2 && waiting < this.highWater / 2) link.resumeReading?.();
  }

  private afterCommitted(batch: PendingIngest[]): void {
    // Duplicates are acked too: the agent resent because it never saw our ack, and must stop resending.
    const receipts = new Map<Link, Receipt[]>();
    for (const { link, agentId, frame, refused: why } of batch) {
      if (why !== undefined) continue;
      let list = receipts.get(link);
      if (!list) receipts.set(link, (list = []));
      list.push({ agentId, messageId: frame.id });
    }
    const refused = new Map<Link, number>();
    for (const { link, agentId, frame, refused: why } of batch) {
      if (why === undefined) continue;
      link.refuse(agentId, frame.id, 'OUT_OF_SCOPE', why);
      refused.set(link, (refused.get(link) ?? 0) + 1);
    }
    for (const [link, list] of receipts) {
      link.acknowledge(list);
      this.settled(link, list.length + (refused.get(link) ?? 0));
      refused.delete(link);
    }
    for (const [link, count] of refused) this.settled(link, count);
    for (const { agentId, frame, logged, answered, refused: why } of batch) {
      if (why !== undefined) continue;
      this.streams.complete(agentId, frame.id);
      if (logged) this.deps.events.emit('message:changed', logged);
      if (answered) this.deps.events.emit('message:changed', answered);
    }
  }
}

/** The log's record of an agent message, built from the validated frame. */
function incomingMessage(frame: MessageFrame, agentId: string): Message {
  return {
    id: frame.id,
    conversationId: frame.conversation_id,
    agentId,
    direction: 'in',
    from: frame.from,
    to: frame.to,
    intent: frame.intent,
    text: frame.text ?? null,
    data: frame.data ?? null,
    priority: frame.priority,
    replyTo: frame.reply_to ?? null,
    status: 'received',
    createdAt: Date.parse(frame.timestamp),
  };
}
