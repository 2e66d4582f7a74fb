/**
 * Serves agents over WebSocket, the way protocol v1 has it: the console dials, the server says `hello` with its
 * cards, and after the console's `welcome` it replays what the console has not committed. One agent on a server is
 * a direct link; several (or `gateway: true`) make a gateway, where every frame carries `agent_id`.
 *
 * Every frame from the console is validated; a bad one is answered with an `error` frame and the socket lives on.
 * Heartbeats run both ways: the server answers pings, pings each console, and drops one that stops answering.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { type ConsoleToAgentFrame, DEFAULT_MAX_FRAME_BYTES, type FrameOf, PROTOCOL_VERSION } from '../shared/protocol';
import type { AgentDefinition, AgentHandle } from './agent-definition';
import { type AgentFrame, AgentRuntime } from './agent-runtime';
import { type ErrorReply, readConsoleFrame } from './console-frame-reader';

export interface AgentServerOptions {
  agents: AgentDefinition[];
  /** Set `agent_id` on every frame. Defaults to true when the server carries more than one agent. */
  gateway?: boolean;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When set, a console must send `Authorization: Bearer <token>`; others are closed with 1008. */
  token?: string;
  /** How often each console is pinged; one silent for two intervals is dropped. 0 turns pings off. */
  heartbeatMs?: number;
  maxFrameBytes?: number;
  now?: () => Date;
  newId?: () => string;
  /** A handler threw, or the console reported an error. The default logs to stderr. */
  onError?(error: unknown, where: string): void;
}

interface ConsoleSocket {
  socket: WebSocket;
  welcomed: boolean;
  consoleId: string | null;
  lastHeardAt: number;
}

export class AgentServer {
  private readonly runtimes = new Map<string, AgentRuntime>();
  private readonly consoles = new Set<ConsoleSocket>();
  private readonly welcomeListeners = new Set<(consoleId: string) => void>();
  private readonly heartbeat: NodeJS.Timeout | null;
  private readonly gateway: boolean;
  private readonly onError: (error: unknown, where: string) => void;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly options: AgentServerOptions,
  ) {
    this.gateway = options.gateway ?? options.agents.length > 1;
    this.onError = options.onError ?? ((error, where) => console.error(`agent-kit: ${where}:`, error));
    const sink = {
      gateway: this.gateway,
      now: options.now ?? (() => new Date()),
      newId: options.newId ?? randomUUID,
      broadcast: (frame: AgentFrame) => this.broadcast(frame),
    };
    for (const definition of options.agents) {
      const runtime = new AgentRuntime(definition, sink);
      if (this.runtimes.has(runtime.id)) throw new Error(`two agents share the id ${runtime.id}`);
      this.runtimes.set(runtime.id, runtime);
    }
    server.on('connection', (socket, request) => {
      if (options.token && request.headers.authorization !== `Bearer ${options.token}`) {
        socket.close(1008, 'missing or wrong bearer token');
        return;
      }
      this.accept(socket);
    });
    const interval = options.heartbeatMs ?? 15_000;
    this.heartbeat = interval > 0 ? setInterval(() => this.beat(interval), interval) : null;
    // Heartbeats must never be what keeps a process (a test, the app) alive.
    this.heartbeat?.unref();
  }

  static start(options: AgentServerOptions): Promise<AgentServer> {
    if (options.agents.length === 0) return Promise.reject(new Error('an agent server needs at least one agent'));
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 0,
        maxPayload: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
      });
      server.once('error', reject);
      server.once('listening', () => {
        try {
          resolve(new AgentServer(server, options));
        } catch (error) {
          server.close();
          reject(error);
        }
      });
    });
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `ws://${address.address}:${address.port}`;
  }

  get isGateway(): boolean {
    return this.gateway;
  }

  /** Consoles connected and welcomed right now. */
  get consoleCount(): number {
    let count = 0;
    for (const c of this.consoles) if (c.welcomed) count++;
    return count;
  }

  agentIds(): string[] {
    return [...this.runtimes.keys()];
  }

  /** The handle of one agent, for speaking unprompted (status, alerts, reports). */
  agent(id: string): AgentHandle & { readonly unackedCount: number } {
    const runtime = this.runtimes.get(id);
    if (!runtime) throw new Error(`no agent ${id} on this server`);
    return runtime;
  }

  /** Calls `listener` each time a console finishes the handshake. Returns an unsubscribe function. */
  onWelcome(listener: (consoleId: string) => void): () => void {
    this.welcomeListeners.add(listener);
    return () => this.welcomeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const c of this.consoles) c.socket.terminate();
    this.consoles.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    const entry: ConsoleSocket = { socket, welcomed: false, consoleId: null, lastHeardAt: Date.now() };
    this.consoles.add(entry);
    socket.on('close', () => this.consoles.delete(entry));
    socket.on('error', () => {}); // 'close' follows; the console redials.
    socket.on('message', (data, isBinary) => {
      entry.lastHeardAt = Date.now();
      try {
        this.receive(entry, isBinary ? null : rawToString(data));
      } catch (error) {
        // A bug in here must not take the agent down: report it and keep the socket.
        this.onError(error, 'handling a console frame');
        this.reply(entry, { type: 'error', code: 'INTERNAL', message: 'The agent failed to handle this frame.' });
      }
    });
    this.reply(entry, { type: 'hello', protocol: PROTOCOL_VERSION, agents: [...this.runtimes.values()].map((r) => r.card) });
  }

  private receive(entry: ConsoleSocket, text: string | null): void {
    const read = readConsoleFrame(text);
    if (!read.ok) {
      this.reply(entry, read.error);
      return;
    }
    const frame = read.frame;
    switch (frame.type) {
      case 'welcome':
        this.onWelcomeFrame(entry, frame);
        return;
      case 'ping':
        this.reply(entry, { type: 'pong', nonce: frame.nonce });
        return;
      case 'pong':
        return;
      case 'ack':
        for (const runtime of this.scoped(frame.agent_id)) if (runtime.acked(frame.id)) return;
        return;
      case 'message':
        this.onMessage(entry, frame);
        return;
      case 'decision_result':
        for (const runtime of this.scoped(frame.agent_id)) if (runtime.settle(frame)) break;
        // Acked even when already settled: the console resends until it sees this.
        this.reply(entry, { type: 'ack', id: frame.id, ...(frame.agent_id ? { agent_id: frame.agent_id } : {}) });
        return;
      case 'set_mode':
        for (const runtime of this.scoped(frame.agent_id)) runtime.setMode(frame.mode);
        return;
      case 'error':
        this.onError(new Error(`${frame.code}: ${frame.message}${frame.ref ? ` (ref ${frame.ref})` : ''}`), 'the console refused a frame');
        return;
    }
  }

  private onWelcomeFrame(entry: ConsoleSocket, frame: FrameOf<ConsoleToAgentFrame, 'welcome'>): void {
    if (frame.protocol !== PROTOCOL_VERSION) {
      this.reply(entry, {
        type: 'error',
        code: 'PROTOCOL_UNSUPPORTED',
        message: `This agent speaks protocol v${PROTOCOL_VERSION}; the console offered v${frame.protocol}.`,
      });
      entry.socket.close(1002, 'protocol version unsupported');
      return;
    }
    entry.welcomed = true;
    entry.consoleId = frame.console_id;
    for (const runtime of this.runtimes.values()) {
      for (const replay of runtime.replayAfterWelcome(frame.last_seq[runtime.id] ?? 0)) this.reply(entry, replay);
    }
    for (const listener of [...this.welcomeListeners]) listener(frame.console_id);
  }

  private onMessage(entry: ConsoleSocket, frame: FrameOf<ConsoleToAgentFrame, 'message'>): void {
    const runtime = this.route(frame.agent_id ?? frame.to);
    if (!runtime) {
      const error: ErrorReply = { type: 'error', code: 'UNKNOWN_AGENT', message: `No agent "${frame.agent_id ?? frame.to}" here.`, ref: frame.id };
      this.reply(entry, error);
      return;
    }
    this.reply(entry, { type: 'ack', id: frame.id, ...(this.gateway ? { agent_id: runtime.id } : {}) });
    runtime.handle(frame).catch((error: unknown) => {
      this.onError(error, `${runtime.id} handling ${frame.intent} ${frame.id}`);
      this.reply(entry, { type: 'error', code: 'INTERNAL', message: `${runtime.card.name} failed to handle this message.`, ref: frame.id });
    });
  }

  /** The agent a message is for: by id, or on a direct link the only agent (whatever `to` says). */
  private route(id: string): AgentRuntime | undefined {
    return this.runtimes.get(id) ?? (this.gateway ? undefined : this.runtimes.values().next().value);
  }

  /** The agents a frame applies to: the one named by `agent_id`, or all of them. */
  private scoped(agentId: string | undefined): AgentRuntime[] {
    if (agentId === undefined) return [...this.runtimes.values()];
    const runtime = this.runtimes.get(agentId);
    return runtime ? [runtime] : [];
  }

  private broadcast(frame: AgentFrame): void {
    const text = JSON.stringify(frame);
    for (const entry of this.consoles) if (entry.welcomed && entry.socket.readyState === WebSocket.OPEN) entry.socket.send(text);
  }

  private reply(entry: ConsoleSocket, frame: object): void {
    if (entry.socket.readyState === WebSocket.OPEN) entry.socket.send(JSON.stringify(frame));
  }

  private beat(interval: number): void {
    const now = Date.now();
    for (const entry of this.consoles) {
      if (now - entry.lastHeardAt > 2 * interval) {
        // Silent for two intervals: the socket is dead even if TCP has not noticed. The console redials.
        entry.socket.terminate();
        continue;
      }
      this.reply(entry, { type: 'ping', nonce: String(now) });
    }
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Serves one agent on a direct link. */
export function serveAgent(agent: AgentDefinition, options: Omit<AgentServerOptions, 'agents' | 'gateway'> = {}): Promise<AgentServer> {
  return AgentServer.start({ ...options, agents: [agent], gateway: false });
}

/** Serves many agents behind one gateway socket; every frame carries `agent_id`. */
export function serveGateway(agents: AgentDefinition[], options: Omit<AgentServerOptions, 'agents' | 'gateway'> = {}): Promise<AgentServer> {
  return AgentServer.start({ ...options, agents, gateway: true });
}
