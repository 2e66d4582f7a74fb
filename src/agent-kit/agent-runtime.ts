/**
 * One agent's side of the protocol, independent of sockets: it numbers and keeps what must survive a reconnect
 * (unacked messages, the latest status, firing alerts, pending decisions) and builds every frame it sends through
 * the protocol's own schemas, so an author's mistake throws at the call site instead of reaching the console.
 */
import type { z } from 'zod';
import {
  AgentCard,
  type AgentMode,
  AlertFrame,
  DecisionFrame,
  DeltaFrame,
  MessageFrame,
  MetricFrame,
  StatusFrame,
  type WorkState,
} from '../shared/protocol';
import type {
  AgentDefinition,
  AgentHandle,
  AlertInput,
  DecisionInput,
  DecisionResult,
  OutgoingMessage,
  PendingDecision,
  ReplyStream,
} from './agent-definition';

type StatusFrameT = z.infer<typeof StatusFrame>;
type AlertFrameT = z.infer<typeof AlertFrame>;
type DecisionFrameT = z.infer<typeof DecisionFrame>;
type Frame = MessageFrame | StatusFrameT | AlertFrameT | DecisionFrameT | z.infer<typeof MetricFrame> | z.infer<typeof DeltaFrame>;
export type AgentFrame = Frame;

/** Where an agent's frames go: the server, which knows the sockets. */
export interface FrameSink {
  /** A gateway sets `agent_id` on every frame, even when it serves one agent. */
  readonly gateway: boolean;
  now(): Date;
  newId(): string;
  /** Puts a frame on every welcomed console socket; a no-op while none is connected. */
  broadcast(frame: Frame): void;
}

export class AgentRuntime implements AgentHandle {
  readonly card: AgentCard;
  mode: AgentMode = 'manual';

  private seq = 0;
  /** Until the first welcome, seqs are provisional: a restarted agent continues after what the console committed. */
  private aligned = false;
  private readonly unacked = new Map<string, MessageFrame>();
  private lastStatus: StatusFrameT | null = null;
  private readonly firing = new Map<string, AlertFrameT>();
  private readonly pending = new Map<string, { frame: DecisionFrameT; resolve: (result: DecisionResult) => void }>();
  /** Console message ids already handled: a resent message is acked again but not answered twice. */
  private readonly handled = new Set<string>();

  constructor(
    readonly definition: AgentDefinition,
    private readonly sink: FrameSink,
  ) {
    this.card = AgentCard.parse(definition.card);
  }

  get id(): string {
    return this.card.id;
  }

  /** Messages sent but not yet acked, oldest first. */
  get unackedCount(): number {
    return this.unacked.size;
  }

  send({ id, ...message }: OutgoingMessage): MessageFrame {
    return this.sendWithId(id ?? this.sink.newId(), message);
  }

  reply(to: MessageFrame, text: string, data?: Record<string, unknown>): MessageFrame {
    return this.send({ ...replyFields(to), text, ...(data ? { data } : {}) });
  }

  stream(to: MessageFrame): ReplyStream {
    const id = this.sink.newId();
    let streamed = '';
    let done = false;
    const write = (piece: string) => {
      if (done) throw new Error(`reply ${id} has already ended`);
      if (piece.length === 0) return;
      streamed += piece;
      this.sink.broadcast(DeltaFrame.parse({ type: 'delta', ...this.scope(), id, conversation_id: to.conversation_id, text: piece }));
    };
    const end = (text?: string, data?: Record<string, unknown>) => {
      if (done) throw new Error(`reply ${id} has already ended`);
      done = true;
      return this.sendWithId(id, { ...replyFields(to), text: text ?? streamed, ...(data ? { data } : {}) });
    };
    return {
      id,
      get text() {
        return streamed;
      },
      write,
      end,
    };
  }

  status(state: WorkState, detail?: string): void {
    this.lastStatus = StatusFrame.parse({ type: 'status', ...this.scope(), state, ...(detail === undefined ? {} : { detail }) });
    this.sink.broadcast(this.lastStatus);
  }

  alert(input: AlertInput): string {
    const frame = AlertFrame.parse({ type: 'alert', ...this.scope(), ...input, id: input.id ?? this.sink.newId(), state: 'firing' });
    this.firing.set(frame.id, frame);
    this.sink.broadcast(frame);
    return frame.id;
  }

  resolveAlert(id: string): void {
    const frame = this.firing.get(id);
    if (!frame) return;
    this.firing.delete(id);
    this.sink.broadcast({ ...frame, state: 'resolved' });
  }

  propose(input: DecisionInput): PendingDecision {
    const frame = DecisionFrame.parse({ type: 'decision', ...this.scope(), ...input, id: input.id ?? this.sink.newId() });
    const result = new Promise<DecisionResult>((resolve) => this.pending.set(frame.id, { frame, resolve }));
    this.sink.broadcast(frame);
    return { id: frame.id, result };
  }

  metric(name: string, value: number, unit?: string): void {
    this.sink.broadcast(MetricFrame.parse({ type: 'metric', ...this.scope(), name, value, ...(unit === undefined ? {} : { unit }) }));
  }

  // ---- what the server calls -------------------------------------------------------------------------------------

  /**
   * The frames a console that just sent `welcome` must get: the latest status, every message after its committed
   * seq, firing alerts and pending decisions (the console dedupes alerts and decisions by id).
   */
  replayAfterWelcome(committed: number): Frame[] {
    if (!this.aligned) this.align(committed);
    const frames: Frame[] = [];
    if (this.lastStatus) frames.push(this.lastStatus);
    for (const [id, message] of this.unacked) {
      if ((message.seq ?? 0) <= committed) this.unacked.delete(id);
      else frames.push(message);
    }
    frames.push(...this.firing.values());
    for (const { frame } of this.pending.values()) frames.push(frame);
    return frames;
  }

  /** Returns whether the id was an unacked message of this agent. */
  acked(id: string): boolean {
    return this.unacked.delete(id);
  }

  /** Returns false when the decision is unknown or already settled: a resent result is harmless. */
  settle(result: DecisionResult): boolean {
    const entry = this.pending.get(result.id);
    if (!entry) return false;
    this.pending.delete(result.id);
    entry.resolve(result);
    this.definition.onDecisionResult?.(result, this);
    return true;
  }

  setMode(mode: AgentMode): void {
    this.mode = mode;
    this.definition.onModeChanged?.(mode, this);
  }

  /** Runs the handler for a console message once per id. Resolves when the handler is done. */
  async handle(message: MessageFrame): Promise<void> {
    if (this.handled.has(message.id)) return;
    this.handled.add(message.id);
    const handler = this.definition.intents?.[message.intent] ?? this.definition.onMessage;
    if (handler) {
      await handler(message, this);
      return;
    }
    this.reply(message, `${this.card.name} does not handle "${message.intent}" requests.`, {
      unsupported_intent: message.intent,
    });
  }

  private sendWithId(id: string, message: OutgoingMessage): MessageFrame {
    const frame = MessageFrame.parse({
      type: 'message',
      ...this.scope(),
      ...message,
      id,
      seq: ++this.seq,
      from: this.id,
      timestamp: this.sink.now().toISOString(),
    });
    this.unacked.set(frame.id, frame);
    this.sink.broadcast(frame);
    return frame;
  }

  /**
   * An agent that keeps no state on disk restarts at seq 0, but the console's log remembers the last seq it
   * committed. Nothing this process numbered before its first welcome can have reached a console, so it is
   * renumbered after that seq: seqs keep increasing and nothing new is mistaken for committed.
   */
  private align(committed: number): void {
    this.aligned = true;
    if (committed < 1) return;
    let next = committed;
    for (const [id, message] of this.unacked) this.unacked.set(id, { ...message, seq: ++next });
    this.seq = next;
  }

  private scope(): { agent_id?: string } {
    return this.sink.gateway ? { agent_id: this.id } : {};
  }
}

function replyFields(to: MessageFrame): OutgoingMessage {
  return { conversation_id: to.conversation_id, to: to.from, intent: to.intent, reply_to: to.id };
}
