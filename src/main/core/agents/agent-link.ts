import { performance } from 'node:perf_hooks';
import { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { LinkHealth, LinkKind, LinkState, Liveness } from '../../../shared/domain';
import { type AgentCard, type AgentToConsoleFrame, type ConsoleToAgentFrame, type ErrorCode, PROTOCOL_VERSION } from '../../../shared/protocol';
import type { LinkConfig } from '../link-config';
import type { Logger } from '../logger';
import { backoffDelay } from './backoff';
import { decodeFrame } from './frame-decoder';
import { FrameGuard } from './frame-guard';

export interface LinkEndpoint {
  id: string;
  url: string;
  token: string | null;
  /** null: direct or gateway as announced in hello. */
  kind?: LinkKind | null;
}

/** A validated agent frame, with the agent it belongs to resolved (from `agent_id`, or the link's only agent). */
export type ScopedFrame = Exclude<AgentToConsoleFrame, { type: 'hello' | 'ping' | 'pong' }>;

export interface AgentLinkHandlers {
  /** The agent (or gateway) introduced itself. Returns the last committed seq per agent, for `welcome`. */
  onHello(link: AgentLink, cards: AgentCard[]): Record<string, number>;
  /** Called after `welcome` is sent: the link is ready for traffic. */
  onReady(link: AgentLink): void;
  onFrame(link: AgentLink, agentId: string, frame: ScopedFrame): void;
  onStateChanged(link: AgentLink): void;
  /** Liveness changed (told at once), or RTT or bad-frame counts changed (throttled to one per HEALTH_NOTICE_MS). */
  onHealthChanged(link: AgentLink): void;
}

export type AgentLinkOptions = LinkConfig;

/** Key of bad frames that cannot be pinned on one agent of a gateway. */
export const LINK_LEVEL = '';
const HEALTH_NOTICE_MS = 250;

/**
 * One socket to one endpoint: a direct agent or a gateway of many. It dials, validates every frame, answers bad
 * ones with an `error` frame (never by crashing), keeps a heartbeat both ways, and redials with capped, fully
 * jittered backoff for as long as it is not closed.
 */
export class AgentLink {
  state: LinkState = 'offline';
  lastError: string | null = null;
  /** Agents announced in the last `hello`, by id. Empty until the agent has said hello. */
  readonly agents = new Map<string, AgentCard>();
  rttMs: number | null = null;
  lastFrameAt: number | null = null;
  liveness: Liveness = 'offline';
  nextAttemptAt: number | null = null;
  attempt = 0;
  /** Bad frames by agent id (LINK_LEVEL when none can be named), then by code. */
  readonly badFrames = new Map<string, Map<ErrorCode, number>>();

  private socket: WebSocket | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private helloTimer: NodeJS.Timeout | null = null;
  /**
   * Whether the current connection has said hello. Per connection, not per link: `agents` outlives a redial, and a
   * new connection must not speak for them before it has introduced itself again.
   */
  private helloed = false;
  private healthTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private pingSeq = 0;
  private readonly pingsInFlight = new Map<string, number>();
  private readonly guard: FrameGuard;
  private announcedGateway = false;
  private corkedSocket: Duplex | null = null;

  constructor(
    readonly endpoint: LinkEndpoint,
    private readonly handlers: AgentLinkHandlers,
    private readonly options: AgentLinkOptions,
    private readonly logger: Logger,
  ) {
    this.guard = new FrameGuard(options);
  }

  /** Whether frames on this link carry `agent_id`: configured, or announced by a multi-agent hello. */
  get isGateway(): boolean {
    return this.endpoint.kind ? this.endpoint.kind === 'gateway' : this.announcedGateway;
  }

  start(): void {
    this.closed = false;
    this.dial();
  }

  /** Sends a frame if the agent is connected and has said hello. Returns whether it went on the wire. */
  send(frame: ConsoleToAgentFrame): boolean {
    if (this.state !== 'online' || !this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Acks an agent message (the console's most frequent frame, one per message), spelled out by hand rather than
   * through JSON.stringify of a frame object. Returns whether it went on the wire.
   */
  sendAck(id: string, agentId: string): boolean {
    if (this.state !== 'online' || !this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(
      this.isGateway
        ? `{"type":"ack","id":${JSON.stringify(id)},"agent_id":${JSON.stringify(agentId)}}`
        : `{"type":"ack","id":${JSON.stringify(id)}}`,
    );
    return true;
  }

  /**
   * Holds what is sent until uncork(), so a batch of acks leaves in one write instead of one syscall per frame.
   * ws does not expose its TCP socket, so this reaches for its `_socket` (stable across ws 8) and does nothing
   * if that is ever gone. Returns this link.
   */
  cork(): this {
    const tcp = this.corkedSocket ? null : this.tcpSocket();
    if (tcp) {
      tcp.cork();
      this.corkedSocket = tcp;
    }
    return this;
  }

  uncork(): void {
    const tcp = this.corkedSocket;
    this.corkedSocket = null;
    // The same socket that was corked, even if the link redialed since: a corked socket left behind never writes.
    if (tcp) tcp.uncork();
  }

  private tcpSocket(): Duplex | null {
    const tcp = (this.socket as unknown as { _socket?: unknown } | null)?._socket;
    return tcp instanceof Duplex ? tcp : null;
  }

  /** Dials now instead of waiting out the backoff. False when the link is not waiting to redial. */
  retryNow(): boolean {
    if (this.closed || !this.reconnectTimer) return false;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.nextAttemptAt = null;
    this.dial();
    return true;
  }

  health(agentId?: string): LinkHealth {
    const counts: Record<string, number> = {};
    const add = (map: Map<ErrorCode, number> | undefined) => {
      for (const [code, n] of map ?? []) counts[code] = (counts[code] ?? 0) + n;
    };
    if (agentId === undefined) for (const map of this.badFrames.values()) add(map);
    else add(this.badFrames.get(agentId));
    return {
      liveness: this.state === 'online' ? this.liveness : 'offline',
      rttMs: this.rttMs,
      lastSeenAt: this.lastFrameAt,
      nextAttemptAt: this.nextAttemptAt,
      attempt: this.attempt,
      badFrames: counts,
    };
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.reconnectTimer = null;
    this.healthTimer = null;
    this.nextAttemptAt = null;
    this.stopHeartbeat();
    this.stopHelloDeadline();
    this.socket?.terminate();
    this.socket = null;
    this.setState('offline');
  }

  private dial(): void {
    this.setState('connecting');
    const headers: Record<string, string> = {};
    if (this.endpoint.token) headers.authorization = `Bearer ${this.endpoint.token}`;
    const socket = new WebSocket(this.endpoint.url, {
      headers,
      // Frames between maxFrameBytes and this hard ceiling are read, answered with FRAME_TOO_LARGE and counted;
      // only beyond it does ws itself close with 1009, so a huge frame cannot make us buffer without bound.
      maxPayload: this.options.maxFrameBytes * 4,
      handshakeTimeout: 10_000,
      // ws would close the link with 1007 on a text frame that is not UTF-8; decodeFrame answers it like any other
      // bad frame instead, so the frames around it (and their acks) are kept.
      skipUTF8Validation: true,
    });
    this.socket = socket;
    this.helloed = false;
    this.guard.reset();
    socket.on('open', () => {
      if (this.socket === socket) this.startHelloDeadline(socket);
    });
    socket.on('message', (data, isBinary) => {
      if (this.socket !== socket) return;
      try {
        this.receive(data, isBinary);
      } catch (error) {
        // A handler bug must not take the process down with it; the frame is reported and the link lives on.
        this.logger.error(`link ${this.endpoint.url}: failed to handle a frame`, error);
        this.reply({ type: 'error', code: 'INTERNAL', message: 'The console failed to handle this frame.' });
      }
    });
    let refused = false;
    socket.on('error', (error) => {
      if (!refused) this.lastError = describeSocketError(error, this.endpoint.url);
    });
    socket.on('unexpected-response', (_request, response) => {
      refused = true;
      this.lastError =
        response.statusCode === 401 || response.statusCode === 403
          ? `The agent refused the connection (HTTP ${response.statusCode}): check the bearer token; retrying.`
          : `The agent answered HTTP ${response.statusCode} instead of a WebSocket upgrade; retrying.`;
      socket.terminate();
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.helloed = false;
      this.stopHeartbeat();
      this.stopHelloDeadline();
      if (code !== 1000 && code !== 1005 && code !== 1006 && !this.lastError) {
        this.lastError = `Closed (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''}); retrying.`;
      }
      // Scheduled first, so the offline notice already carries the next attempt time.
      this.scheduleReconnect();
      this.setState('offline');
    });
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff, this.options.jitter);
    this.nextAttemptAt = Date.now() + delay;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.nextAttemptAt = null;
      if (!this.closed) this.dial();
    }, delay);
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    this.lastFrameAt = Date.now();
    if (this.liveness !== 'online' && this.state === 'online') {
      this.liveness = 'online';
      this.handlers.onHealthChanged(this);
    }
    if (!this.guard.admit()) {
      this.bad('RATE_LIMITED', 'Too many frames: slow down; unacked messages will be taken on resend.', null);
      return;
    }
    const decoded = decodeFrame(data, isBinary, this.options.maxFrameBytes);
    if (!decoded.ok) {
      this.bad(decoded.code, decoded.message, decoded.json);
      return;
    }
    const { frame, json } = decoded;
    if (frame.type === 'hello') return this.onHello(frame.protocol, frame.agents);
    if (frame.type === 'pong') return this.onPong(frame.nonce);
    if (!this.helloed) {
      // Until this connection's hello, only hello, pong and error are taken: an error is logged for the link.
      if (frame.type === 'error') return this.handlers.onFrame(this, LINK_LEVEL, frame);
      this.bad('HELLO_REQUIRED', 'Send a hello frame before any other frame on each connection.', json);
      return;
    }
    if (frame.type === 'ping') return this.reply({ type: 'pong', nonce: frame.nonce });
    const agentId = frame.type === 'error' ? this.onlyAgentId() : this.resolveAgent(frame.agent_id);
    if (agentId === undefined) {
      if (frame.type === 'error') return this.handlers.onFrame(this, LINK_LEVEL, frame);
      this.bad(
        'UNKNOWN_AGENT',
        frame.agent_id
          ? `Agent "${frame.agent_id}" was not announced in hello on this link.`
          : 'This link is a gateway: set agent_id on every frame.',
        json,
      );
      return;
    }
    this.handlers.onFrame(this, agentId, frame);
  }

  private onHello(protocol: number, cards: AgentCard[]): void {
    if (protocol !== PROTOCOL_VERSION) {
      this.reply({
        type: 'error',
        code: 'PROTOCOL_UNSUPPORTED',
        message: `This console speaks protocol v${PROTOCOL_VERSION}; the agent offered v${protocol}.`,
      });
      this.lastError = `Agent speaks protocol v${protocol}; this console speaks v${PROTOCOL_VERSION}.`;
      this.socket?.close(1002, 'protocol version unsupported');
      return;
    }
    if (this.endpoint.kind === 'direct' && cards.length !== 1) {
      this.bad('SCHEMA_MISMATCH', `This endpoint is configured as a direct link: hello must announce exactly one agent, not ${cards.length}.`, null);
      this.lastError = `Configured as direct, but the agent announced ${cards.length} agents: edit the endpoint to make it a gateway.`;
      this.socket?.close(1008, 'direct link announced several agents');
      return;
    }
    this.helloed = true;
    this.stopHelloDeadline();
    this.agents.clear();
    for (const card of cards) this.agents.set(card.id, card);
    this.announcedGateway = cards.length > 1;
    const lastSeq = this.handlers.onHello(this, cards);
    this.attempt = 0;
    this.lastError = null;
    this.liveness = 'online';
    this.setState('online');
    this.send({ type: 'welcome', protocol: PROTOCOL_VERSION, console_id: this.options.consoleId, last_seq: lastSeq });
    this.startHeartbeat();
    this.handlers.onReady(this);
  }

  private onPong(nonce: string): void {
    const sentAt = this.pingsInFlight.get(nonce);
    if (sentAt === undefined) return;
    this.pingsInFlight.delete(nonce);
    const rtt = Math.round((performance.now() - sentAt) * 100) / 100;
    const previous = this.rttMs;
    this.rttMs = rtt;
    // RTT jitters by fractions of a ms on loopback: only a real change is worth telling the windows about.
    if (previous === null || Math.abs(rtt - previous) > Math.max(5, previous * 0.25)) this.noteHealth();
  }

  private resolveAgent(agentId: string | undefined): string | undefined {
    if (agentId === undefined) return this.isGateway ? undefined : this.onlyAgentId();
    return this.agents.has(agentId) ? agentId : undefined;
  }

  private onlyAgentId(): string | undefined {
    return this.agents.size === 1 ? this.agents.keys().next().value : undefined;
  }

  /**
   * Answers a bad frame with an `error` frame, counts it against its agent, and closes the link once it has sent
   * too many (1009 when the last one was oversize, 1008 otherwise). Valid frames around it are unaffected.
   */
  private bad(code: ErrorCode, message: string, json: unknown): void {
    const record = typeof json === 'object' && json !== null ? (json as { id?: unknown; agent_id?: unknown }) : {};
    const ref = typeof record.id === 'string' ? record.id.slice(0, 200) : undefined;
    this.reply({ type: 'error', code, message, ...(ref === undefined ? {} : { ref }) });

    const named = typeof record.agent_id === 'string' && this.agents.has(record.agent_id) ? record.agent_id : undefined;
    const owner = named ?? (this.isGateway ? undefined : this.onlyAgentId()) ?? LINK_LEVEL;
    let counts = this.badFrames.get(owner);
    if (!counts) this.badFrames.set(owner, (counts = new Map()));
    counts.set(code, (counts.get(code) ?? 0) + 1);
    this.noteHealth();

    if (this.guard.recordBad() && this.socket) {
      const { threshold, windowMs } = this.options.badFrames;
      this.lastError = `Closed after more than ${threshold} bad frames in ${windowMs / 1000} s (last: ${code}); retrying.`;
      this.socket.close(code === 'FRAME_TOO_LARGE' ? 1009 : 1008, 'too many bad frames');
    }
  }

  /** Like send(), but also before hello: protocol errors must reach an agent that has not introduced itself. */
  private reply(frame: ConsoleToAgentFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** An agent that upgrades and never says hello is closed and redialed with backoff, not left connecting. */
  private startHelloDeadline(socket: WebSocket): void {
    this.stopHelloDeadline();
    this.helloTimer = setTimeout(() => {
      this.helloTimer = null;
      if (this.socket !== socket || this.helloed) return;
      const seconds = this.options.helloTimeoutMs / 1000;
      this.bad('HELLO_TIMEOUT', `No hello within ${seconds} s of connecting; closing.`, null);
      this.lastError = `The agent accepted the connection but sent no hello within ${seconds} s; retrying.`;
      socket.close(1008, 'no hello');
    }, this.options.helloTimeoutMs);
    this.helloTimer.unref();
  }

  private stopHelloDeadline(): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  /** One heartbeat: judge liveness from how long the link has been silent, then ping. */
  private beat(): void {
    const silentFor = Date.now() - (this.lastFrameAt ?? 0);
    const liveness: Liveness =
      silentFor >= this.options.offlineAfterMs ? 'offline' : silentFor >= this.options.degradedAfterMs ? 'degraded' : 'online';
    if (liveness !== this.liveness) {
      // Liveness changes are rare and what the operator watches for: told at once, not throttled.
      this.liveness = liveness;
      this.handlers.onHealthChanged(this);
    }
    if (liveness === 'offline') {
      // Silent past the threshold: the socket is as good as dead (a half-open TCP connection looks just like this).
      this.lastError = `No frame for ${Math.round(silentFor / 1000)} s: the link was dropped; retrying.`;
      this.socket?.terminate();
      return;
    }
    const nonce = String(++this.pingSeq);
    this.pingsInFlight.set(nonce, performance.now());
    // Unanswered pings do not pile up: only the last few are worth measuring.
    if (this.pingsInFlight.size > 4) this.pingsInFlight.delete(this.pingsInFlight.keys().next().value!);
    this.reply({ type: 'ping', nonce });
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.pingsInFlight.clear();
  }

  private noteHealth(): void {
    if (this.healthTimer || this.closed) return;
    this.healthTimer = setTimeout(() => {
      this.healthTimer = null;
      this.handlers.onHealthChanged(this);
    }, HEALTH_NOTICE_MS);
  }

  private setState(state: LinkState): void {
    if (this.state === state) return;
    this.state = state;
    if (state !== 'online') this.liveness = 'offline';
    this.handlers.onStateChanged(this);
  }
}

function describeSocketError(error: Error & { code?: string }, url: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `Nothing is listening at ${url}. Check the agent is running and the URL is right; retrying.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host in ${url} cannot be resolved. Check the URL; retrying.`;
    default:
      return `${error.message}; retrying.`;
  }
}
