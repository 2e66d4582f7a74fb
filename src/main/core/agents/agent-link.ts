import WebSocket from 'ws';
import type { LinkState } from '../../../shared/domain';
import {
  AgentToConsoleFrame,
  type AgentCard,
  type ConsoleToAgentFrame,
  DEFAULT_MAX_FRAME_BYTES,
  describeZodError,
  type ErrorCode,
  PROTOCOL_VERSION,
} from '../../../shared/protocol';
import type { Logger } from '../logger';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff';

export interface LinkEndpoint {
  id: string;
  url: string;
  token: string | null;
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
}

export interface AgentLinkOptions {
  consoleId: string;
  maxFrameBytes?: number;
  backoff?: BackoffPolicy;
  heartbeatMs?: number;
}

/**
 * One socket to one endpoint: a direct agent or a gateway of many. It dials, validates every frame, answers bad
 * ones with an `error` frame (never by crashing), and redials with jittered backoff until closed.
 */
export class AgentLink {
  state: LinkState = 'offline';
  lastError: string | null = null;
  /** Agents announced in the last `hello`, by id. Empty until the agent has said hello. */
  readonly agents = new Map<string, AgentCard>();

  private socket: WebSocket | null = null;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly endpoint: LinkEndpoint,
    private readonly handlers: AgentLinkHandlers,
    private readonly options: AgentLinkOptions,
    private readonly logger: Logger,
  ) {}

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

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopHeartbeat();
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
      maxPayload: this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
      handshakeTimeout: 10_000,
    });
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      try {
        this.receive(data, isBinary);
      } catch (error) {
        // A handler bug must not take the process down with it; the frame is reported and the link lives on.
        this.logger.error(`link ${this.endpoint.url}: failed to handle a frame`, error);
        this.reply({ type: 'error', code: 'INTERNAL', message: 'The console failed to handle this frame.' });
      }
    });
    socket.on('error', (error) => {
      this.lastError = describeSocketError(error, this.endpoint.url);
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopHeartbeat();
      if (code !== 1000 && code !== 1005 && code !== 1006 && !this.lastError) {
        this.lastError = `Closed by agent (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`;
      }
      this.setState('offline');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed) this.dial();
    }, delay);
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (isBinary) {
      this.reply({ type: 'error', code: 'BINARY_NOT_SUPPORTED', message: 'Frames must be JSON text frames.' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawToString(data));
    } catch (error) {
      this.reply({ type: 'error', code: 'INVALID_JSON', message: `Frame is not valid JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = AgentToConsoleFrame.safeParse(json);
    if (!parsed.success) {
      this.reject('SCHEMA_MISMATCH', `Frame does not match protocol v${PROTOCOL_VERSION}: ${describeZodError(parsed.error)}`, json);
      return;
    }
    const frame = parsed.data;
    switch (frame.type) {
      case 'hello':
        this.onHello(frame.protocol, frame.agents);
        return;
      case 'ping':
        this.reply({ type: 'pong', nonce: frame.nonce });
        return;
      case 'pong':
        return;
      default:
        break;
    }
    if (this.agents.size === 0) {
      this.reject('HELLO_REQUIRED', 'Send a hello frame before any other frame.', json);
      return;
    }
    const agentId = frame.type === 'error' ? this.onlyAgentId() : this.resolveAgent(frame.agent_id);
    if (agentId === undefined) {
      this.reject(
        'UNKNOWN_AGENT',
        frame.type !== 'error' && frame.agent_id
          ? `Agent "${frame.agent_id}" was not announced in hello on this link.`
          : 'This link carries several agents: set agent_id on every frame.',
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
    this.agents.clear();
    for (const card of cards) this.agents.set(card.id, card);
    const lastSeq = this.handlers.onHello(this, cards);
    this.attempt = 0;
    this.lastError = null;
    this.setState('online');
    this.send({ type: 'welcome', protocol: PROTOCOL_VERSION, console_id: this.options.consoleId, last_seq: lastSeq });
    this.startHeartbeat();
    this.handlers.onReady(this);
  }

  private resolveAgent(agentId: string | undefined): string | undefined {
    if (agentId === undefined) return this.onlyAgentId();
    return this.agents.has(agentId) ? agentId : undefined;
  }

  private onlyAgentId(): string | undefined {
    return this.agents.size === 1 ? this.agents.keys().next().value : undefined;
  }

  private reject(code: ErrorCode, message: string, json: unknown): void {
    const ref =
      typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string'
        ? ((json as { id: string }).id.slice(0, 200) as string)
        : undefined;
    this.reply({ type: 'error', code, message, ...(ref === undefined ? {} : { ref }) });
  }

  /** Like send(), but also before hello: protocol errors must reach an agent that has not introduced itself. */
  private reply(frame: ConsoleToAgentFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const interval = this.options.heartbeatMs ?? 15_000;
    this.heartbeatTimer = setInterval(() => this.reply({ type: 'ping', nonce: String(Date.now()) }), interval);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private setState(state: LinkState): void {
    if (this.state === state) return;
    this.state = state;
    this.handlers.onStateChanged(this);
  }
}

function rawToString(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
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
