/**
 * The agent side of protocol v1, minimal: serve one agent (direct) or several (gateway) on a WebSocket, say hello,
 * resend what the console has not committed, ack what it sends, and hand each message to the agent's handler.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  type AgentCard,
  ConsoleToAgentFrame,
  describeZodError,
  type MessageFrame,
  PROTOCOL_VERSION,
} from '../shared/protocol';

export interface AgentContext {
  /** Sends a message from this agent to the console; it is logged here until the console acks it. */
  send(message: Omit<MessageFrame, 'type' | 'id' | 'seq' | 'from' | 'timestamp' | 'priority'> & Partial<Pick<MessageFrame, 'priority'>>): MessageFrame;
  /** Replies to a console message in its conversation. */
  reply(to: MessageFrame, text: string, data?: Record<string, unknown>): MessageFrame;
}

export interface AgentDefinition {
  card: AgentCard;
  onMessage?(message: MessageFrame, agent: AgentContext): void;
}

export interface AgentServerOptions {
  agents: AgentDefinition[];
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** When set, connections must carry `Authorization: Bearer <token>`. */
  token?: string;
  now?: () => Date;
}

interface AgentRuntime {
  definition: AgentDefinition;
  seq: number;
  /** Sent but not acked by the console, by id, in seq order: resent after the next welcome. */
  unacked: Map<string, MessageFrame>;
  context: AgentContext;
}

export class AgentServer {
  private readonly agents = new Map<string, AgentRuntime>();
  private readonly sockets = new Set<WebSocket>();
  /** Console message ids already handled: a resent message is acked again but not answered twice. */
  private readonly handled = new Set<string>();
  private readonly now: () => Date;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly options: AgentServerOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    for (const definition of options.agents) {
      const runtime: AgentRuntime = {
        definition,
        seq: 0,
        unacked: new Map(),
        context: {
          send: (message) => this.emit(runtime, message),
          reply: (to, text, data) =>
            this.emit(runtime, {
              conversation_id: to.conversation_id,
              to: to.from,
              intent: to.intent,
              text,
              ...(data ? { data } : {}),
              reply_to: to.id,
            }),
        },
      };
      this.agents.set(definition.card.id, runtime);
    }
    server.on('connection', (socket, request) => {
      if (options.token && request.headers.authorization !== `Bearer ${options.token}`) {
        socket.close(1008, 'missing or wrong bearer token');
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data, isBinary) => this.receive(socket, data.toString(), isBinary));
      socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, agents: options.agents.map((a) => a.card) }));
    });
  }

  static start(options: AgentServerOptions): Promise<AgentServer> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
      server.once('error', reject);
      server.once('listening', () => resolve(new AgentServer(server, options)));
    });
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `ws://${address.address}:${address.port}`;
  }

  get isGateway(): boolean {
    return this.agents.size > 1;
  }

  /** The context of one agent, for sending unprompted messages (reports, insights). */
  agent(id: string): AgentContext {
    const runtime = this.agents.get(id);
    if (!runtime) throw new Error(`no agent ${id} on this server`);
    return runtime.context;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private emit(runtime: AgentRuntime, partial: Parameters<AgentContext['send']>[0]): MessageFrame {
    const frame: MessageFrame = {
      type: 'message',
      ...(this.isGateway ? { agent_id: runtime.definition.card.id } : {}),
      priority: 'normal',
      ...partial,
      id: randomUUID(),
      seq: ++runtime.seq,
      from: runtime.definition.card.id,
      timestamp: this.now().toISOString(),
    };
    runtime.unacked.set(frame.id, frame);
    this.broadcast(frame);
    return frame;
  }

  private broadcast(frame: object): void {
    const text = JSON.stringify(frame);
    for (const socket of this.sockets) if (socket.readyState === WebSocket.OPEN) socket.send(text);
  }

  private receive(socket: WebSocket, text: string, isBinary: boolean): void {
    let frame: ConsoleToAgentFrame;
    try {
      const parsed = ConsoleToAgentFrame.safeParse(isBinary ? undefined : JSON.parse(text));
      if (!parsed.success) throw new Error(describeZodError(parsed.error));
      frame = parsed.data;
    } catch (error) {
      socket.send(JSON.stringify({ type: 'error', code: 'SCHEMA_MISMATCH', message: (error as Error).message }));
      return;
    }
    switch (frame.type) {
      case 'welcome':
        for (const runtime of this.agents.values()) {
          const committed = frame.last_seq[runtime.definition.card.id] ?? 0;
          for (const [id, pending] of runtime.unacked) {
            if ((pending.seq ?? 0) <= committed) runtime.unacked.delete(id);
            else socket.send(JSON.stringify(pending));
          }
        }
        return;
      case 'ack':
        for (const runtime of this.agents.values()) runtime.unacked.delete(frame.id);
        return;
      case 'ping':
        socket.send(JSON.stringify({ type: 'pong', nonce: frame.nonce }));
        return;
      case 'message': {
        const runtime = this.agents.get(frame.agent_id ?? frame.to) ?? (this.isGateway ? undefined : [...this.agents.values()][0]);
        if (!runtime) {
          socket.send(JSON.stringify({ type: 'error', code: 'UNKNOWN_AGENT', message: `no agent ${frame.to} here`, ref: frame.id }));
          return;
        }
        socket.send(JSON.stringify({ type: 'ack', id: frame.id, ...(this.isGateway ? { agent_id: runtime.definition.card.id } : {}) }));
        if (this.handled.has(frame.id)) return;
        this.handled.add(frame.id);
        runtime.definition.onMessage?.(frame, runtime.context);
        return;
      }
      default:
        return;
    }
  }
}
