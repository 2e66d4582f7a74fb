import WebSocket from 'ws';
import type { LinkHealth, LinkState, Message } from '../../../../shared/domain';
import { type AgentCard, type ConsoleToAgentFrame, type ErrorCode, PROTOCOL_VERSION } from '../../../../shared/protocol';
import { Redialer } from '../../lib/redialer';
import { LINK_LEVEL, type Link, type LinkContext, type LinkEndpoint, type Receipt, type UnscopedControlFrame } from '../link';
import { FrameGuard } from './frame-guard';
import { idsOf, onlyAgent, readFrame, resolveAgent } from './frame-reader';
import { Heartbeat } from './heartbeat';
import { HelloDeadline, refuseHello } from './hello';
import { LinkVitals } from './link-vitals';
import { ackFrameText, describeClose, describeRefusal, describeSocketError, describeUnknownAgent, openSocket, sendCorked, toWireMessage } from './wire';

/**
 * Protocol v1 (docs/protocol.md): one WebSocket to one endpoint, a direct agent or a gateway of many. It dials,
 * validates every frame, answers bad ones with an `error` frame (never by crashing), keeps a heartbeat both ways,
 * and redials with capped, fully jittered backoff for as long as it is not closed.
 */
export class V1Link implements Link {
  readonly endpoint: LinkEndpoint;
  private _state: LinkState = 'offline';
  private _lastError: string | null = null;
  private readonly _agents = new Map<string, AgentCard>();
  private readonly vitals: LinkVitals;

  private socket: WebSocket | null = null;
  private readonly redialer: Redialer;
  private readonly helloDeadline = new HelloDeadline();
  /**
   * Whether the current connection has said hello. Per connection, not per link: `agents` outlives a redial, and a
   * new connection must not speak for them before it has introduced itself again.
   */
  private helloed = false;
  private closed = false;
  private readonly heartbeat = new Heartbeat();
  private readonly guard: FrameGuard;
  private announcedGateway = false;
  /** Back-pressure from the log (pauseReading): outlives a redial, so a new socket is not read past it either. */
  private readingPaused = false;

  constructor(private readonly context: LinkContext) {
    this.endpoint = context.endpoint;
    this.guard = new FrameGuard(context.config, context.now);
    this.vitals = new LinkVitals(context.now, () => this.context.sink.healthChanged(this));
    this.redialer = new Redialer(context.config, context.now, () => this.dial());
  }

  get state(): LinkState {
    return this._state;
  }

  get lastError(): string | null {
    return this._lastError;
  }

  get agents(): ReadonlyMap<string, AgentCard> {
    return this._agents;
  }

  /** Whether frames on this link carry `agent_id`: configured, or announced by a multi-agent hello. */
  private get isGateway(): boolean {
    return this.endpoint.kind ? this.endpoint.kind === 'gateway' : this.announcedGateway;
  }

  start(): void {
    this.closed = false;
    this.dial();
  }

  sendMessage(message: Message, replyTimeoutS: number | null): boolean {
    return this.send(toWireMessage(message, this.isGateway, replyTimeoutS));
  }

  sendControl(agentId: string, frame: UnscopedControlFrame): boolean {
    if (!this._agents.has(agentId)) return false;
    return this.send({ ...frame, ...(this.isGateway ? { agent_id: agentId } : {}) } as ConsoleToAgentFrame);
  }

  /** Each link's acks go out in one write (corked), not one syscall apiece: they are the bulk of what we send. */
  acknowledge(receipts: readonly Receipt[]): void {
    if (receipts.length === 0 || !this.isOpen()) return;
    const gateway = this.isGateway;
    sendCorked(this.socket!, receipts.map(({ messageId, agentId }) => ackFrameText(messageId, agentId, gateway)));
  }

  refuse(agentId: string, ref: string | undefined, code: ErrorCode, message: string): void {
    this.reply({ type: 'error', code, message, ...(ref === undefined ? {} : { ref: ref.slice(0, 200) }) });
    this.vitals.badFrame(this._agents.has(agentId) ? agentId : LINK_LEVEL, code);
  }

  pauseReading(): void {
    this.readingPaused = true;
    this.socket?.pause();
  }

  resumeReading(): void {
    this.readingPaused = false;
    this.socket?.resume();
  }

  retryNow(): boolean {
    return !this.closed && this.redialer.dialNow();
  }

  health(agentId?: string): LinkHealth {
    return this.vitals.health(this._state === 'online', this.redialer, agentId);
  }

  close(): void {
    this.closed = true;
    this.redialer.cancel();
    this.vitals.stop();
    this.heartbeat.stop();
    this.helloDeadline.stop();
    this.socket?.terminate();
    this.socket = null;
    this.setState('offline');
  }

  private isOpen(): boolean {
    return this._state === 'online' && this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a frame if the agent is connected and has said hello. Returns whether it went on the wire. */
  private send(frame: ConsoleToAgentFrame): boolean {
    if (!this.isOpen()) return false;
    this.socket!.send(JSON.stringify(frame));
    return true;
  }

  private dial(): void {
    const { endpoint, config, logger } = this.context;
    this.setState('connecting');
    const socket = openSocket(endpoint, config.maxFrameBytes);
    this.socket = socket;
    this.helloed = false;
    this.guard.reset();
    socket.on('open', () => {
      if (this.socket !== socket) return;
      if (this.readingPaused) socket.pause();
      this.startHelloDeadline(socket);
    });
    socket.on('message', (data, isBinary) => {
      if (this.socket !== socket) return;
      try {
        this.receive(data, isBinary);
      } catch (error) {
        // A handler bug must not take the process down with it; the frame is reported and the link lives on.
        logger.error(`link ${endpoint.url}: failed to handle a frame`, error);
        this.reply({ type: 'error', code: 'INTERNAL', message: 'The console failed to handle this frame.' });
      }
    });
    let refused = false;
    socket.on('error', (error) => {
      if (!refused) this._lastError = describeSocketError(error, endpoint.url);
    });
    socket.on('unexpected-response', (_request, response) => {
      refused = true;
      this._lastError = describeRefusal(response.statusCode);
      socket.terminate();
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.helloed = false;
      this.heartbeat.stop();
      this.helloDeadline.stop();
      this._lastError ??= describeClose(code, reason.toString());
      // Scheduled first, so the offline notice already carries the next attempt time.
      if (!this.closed) this.redialer.schedule();
      this.setState('offline');
    });
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    this.vitals.heard(this._state === 'online');
    if (!this.guard.admit()) {
      this.bad('RATE_LIMITED', 'Too many frames: slow down; unacked messages will be taken on resend.', null);
      return;
    }
    const read = readFrame(data, isBinary, this.context.config.maxFrameBytes);
    if (!read.ok) return this.bad(read.code, read.message, read.json);
    const { frame, json } = read;
    if (frame.type === 'hello') {
      // One hello per connection: a second one would change who the connection speaks for (a gateway adding another
      // endpoint's agents mid-connection, say). Refused; the connection keeps the agents of its first hello.
      if (this.helloed) return this.bad('SCHEMA_MISMATCH', 'This connection has already said hello; reconnect to announce other agents.', null);
      return this.onHello(frame.protocol, frame.agents);
    }
    if (frame.type === 'pong') return this.onPong(frame.nonce);
    if (!this.helloed) {
      // Until this connection's hello, only hello, pong and error are taken: an error is logged for the link.
      if (frame.type === 'error') return this.context.sink.inbound(this, LINK_LEVEL, frame);
      return this.bad('HELLO_REQUIRED', 'Send a hello frame before any other frame on each connection.', json);
    }
    if (frame.type === 'ping') return this.reply({ type: 'pong', nonce: frame.nonce });
    const agentId = frame.type === 'error' ? onlyAgent(this._agents) : resolveAgent(this._agents, this.isGateway, frame.agent_id);
    if (agentId === undefined) {
      if (frame.type === 'error') return this.context.sink.inbound(this, LINK_LEVEL, frame);
      return this.bad('UNKNOWN_AGENT', describeUnknownAgent(frame.agent_id, this._agents.size), json);
    }
    this.context.sink.inbound(this, agentId, frame);
  }

  private onHello(protocol: number, cards: AgentCard[]): void {
    const refusal = refuseHello(protocol, cards.length, this.endpoint.kind);
    if (refusal) {
      // A version mismatch is not the agent misbehaving: answered, not counted as a bad frame.
      if (refusal.code === 'PROTOCOL_UNSUPPORTED') this.reply({ type: 'error', code: refusal.code, message: refusal.message });
      else this.bad(refusal.code, refusal.message, null);
      this._lastError = refusal.lastError;
      this.socket?.close(refusal.closeCode, refusal.closeReason);
      return;
    }
    this.helloed = true;
    this.helloDeadline.stop();
    this._agents.clear();
    for (const card of cards) this._agents.set(card.id, card);
    this.announcedGateway = cards.length > 1;
    const { lastSeq, refused } = this.context.sink.announced(this, cards);
    for (const { agentId, code, reason } of refused) {
      this._agents.delete(agentId);
      this.reply({ type: 'error', code, message: reason, ref: agentId });
    }
    this.redialer.succeeded();
    this._lastError = null;
    this.vitals.connected(true);
    this.setState('online');
    this.send({ type: 'welcome', protocol: PROTOCOL_VERSION, console_id: this.context.config.consoleId, last_seq: lastSeq });
    this.heartbeat.start(this.context.config.heartbeatMs, () => this.beat());
    this.context.sink.ready(this);
  }

  private onPong(nonce: string): void {
    const rtt = this.heartbeat.pong(nonce);
    if (rtt !== undefined) this.vitals.roundTrip(rtt);
  }

  /**
   * Answers a bad frame with an `error` frame, counts it against its agent, and closes the link once it has sent
   * too many (1009 when the last one was oversize, 1008 otherwise). Valid frames around it are unaffected.
   */
  private bad(code: ErrorCode, message: string, json: unknown): void {
    const { ref, agentId } = idsOf(json);
    this.reply({ type: 'error', code, message, ...(ref === undefined ? {} : { ref }) });
    const named = agentId !== undefined && this._agents.has(agentId) ? agentId : undefined;
    this.vitals.badFrame(named ?? (this.isGateway ? undefined : onlyAgent(this._agents)) ?? LINK_LEVEL, code);

    if (this.guard.recordBad() && this.socket) {
      const { threshold, windowMs } = this.context.config.badFrames;
      this._lastError = `Closed after more than ${threshold} bad frames in ${windowMs / 1000} s (last: ${code}); retrying.`;
      this.socket.close(code === 'FRAME_TOO_LARGE' ? 1009 : 1008, 'too many bad frames');
    }
  }

  /** Like send(), but also before hello: protocol errors must reach an agent that has not introduced itself. */
  private reply(frame: ConsoleToAgentFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private startHelloDeadline(socket: WebSocket): void {
    const { helloTimeoutMs } = this.context.config;
    this.helloDeadline.start(helloTimeoutMs, () => {
      if (this.socket !== socket || this.helloed) return;
      this.bad('HELLO_TIMEOUT', `No hello within ${helloTimeoutMs / 1000} s of connecting; closing.`, null);
      this._lastError = `The agent accepted the connection but sent no hello within ${helloTimeoutMs / 1000} s; retrying.`;
      socket.close(1008, 'no hello');
    });
  }

  /** One heartbeat: judge liveness from how long the link has been silent, then ping. */
  private beat(): void {
    const { liveness, silentForMs: silentFor } = this.vitals.judge(this.context.config);
    if (liveness === 'offline') {
      // Silent past the threshold: the socket is as good as dead (a half-open TCP connection looks just like this).
      this._lastError = `No frame for ${Math.round(silentFor / 1000)} s: the link was dropped; retrying.`;
      this.socket?.terminate();
      return;
    }
    this.reply({ type: 'ping', nonce: this.heartbeat.nextPing() });
  }

  private setState(state: LinkState): void {
    if (this._state === state) return;
    this._state = state;
    if (state !== 'online') this.vitals.connected(false);
    this.context.sink.stateChanged(this);
  }
}
