import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AgentCard, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { ProbeWaiters } from './probe-waiters';
import { directConversationId } from '../../src/shared/domain';

type Frame = Record<string, unknown>;

export interface TestAgentOptions {
  /** Answer the console's heartbeat pings (default true); false plays a peer that has gone silent. */
  autoPong?: boolean;
  /** Also send hello on connect (default true). */
  hello?: boolean;
  port?: number;
  /** When set, only connections with this bearer token are accepted (others get HTTP 401). */
  token?: string;
}

/**
 * An agent server for link tests that can take heavy traffic: it indexes what the console sends (acks by id,
 * errors by count, messages in order) instead of scanning a list on every frame, so waiting on 10,000 answers is
 * cheap. Protocol behaviour is left to the test; it only says hello and (optionally) answers pings.
 */
export class TestAgent {
  readonly acks = new Map<string, number>();
  readonly errors: Frame[] = [];
  readonly messages: Frame[] = [];
  readonly welcomes: Frame[] = [];
  pings = 0;
  connections = 0;
  lastClose: { code: number; reason: string } | null = null;
  private socket: WebSocket | null = null;
  private readonly waiters = new ProbeWaiters();
  private readonly listeners = new Set<(frame: Frame) => void>();

  readonly port: number;

  private constructor(
    private server: WebSocketServer,
    private readonly cards: AgentCard[],
    private readonly options: TestAgentOptions,
  ) {
    this.port = (server.address() as AddressInfo).port;
    this.attach(server);
  }

  static async start(cards: AgentCard[], options: TestAgentOptions = {}): Promise<TestAgent> {
    return new TestAgent(await listen(options), cards, options);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  /** Calls `listener` with every frame the console sends, as it arrives. Returns an unsubscribe function. */
  onFrame(listener: (frame: Frame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(frame: object): void {
    this.sendRaw(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    if (!this.socket) throw new Error('no console connected');
    this.socket.send(data, { binary: Buffer.isBuffer(data) });
  }

  /** Resolves once `probe` returns something, re-checking on every frame and connection change. */
  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
    return this.waiters.until(probe, what, timeoutMs);
  }

  waitForWelcome(count = this.welcomes.length + 1, timeoutMs = 10_000): Promise<Frame> {
    return this.waitFor(() => this.welcomes.length >= count && this.welcomes[count - 1], `welcome #${count}`, timeoutMs);
  }

  /** Kills the connection the way a crash would (no close frame). */
  disconnect(): void {
    this.socket?.terminate();
  }

  /** Stops listening (the agent process is gone); `restart()` brings it back on the same port. */
  async stop(): Promise<void> {
    this.socket?.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    this.server = await listen({ ...this.options, port: this.port });
    this.attach(this.server);
  }

  async close(): Promise<void> {
    this.socket?.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private attach(server: WebSocketServer): void {
    server.on('connection', (socket, request) => {
      if (this.options.token && request.headers.authorization !== `Bearer ${this.options.token}`) {
        socket.close(1008, 'wrong token');
        return;
      }
      this.socket = socket;
      this.connections += 1;
      socket.on('message', (data) => this.receive(socket, JSON.parse(data.toString()) as Frame));
      socket.on('close', (code, reason) => {
        if (this.socket === socket) {
          this.socket = null;
          this.lastClose = { code, reason: reason.toString() };
        }
        this.notify();
      });
      if (this.options.hello !== false) {
        socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, agents: this.cards }));
      }
      this.notify();
    });
  }

  private receive(socket: WebSocket, frame: Frame): void {
    switch (frame.type) {
      case 'ack':
        this.acks.set(frame.id as string, (this.acks.get(frame.id as string) ?? 0) + 1);
        break;
      case 'error':
        this.errors.push(frame);
        break;
      case 'message':
        this.messages.push(frame);
        break;
      case 'welcome':
        this.welcomes.push(frame);
        break;
      case 'ping':
        this.pings += 1;
        if (this.options.autoPong !== false) socket.send(JSON.stringify({ type: 'pong', nonce: frame.nonce }));
        break;
      default:
        break;
    }
    for (const listener of this.listeners) listener(frame);
    this.notify();
  }

  private notify(): void {
    this.waiters.notify();
  }
}

async function listen(options: TestAgentOptions): Promise<WebSocketServer> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    ...(options.token
      ? { verifyClient: (info: { req: { headers: Record<string, unknown> } }) => info.req.headers.authorization === `Bearer ${options.token}` }
      : {}),
  });
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

export function agentMessage(id: string, seq: number | undefined, text: string, extra: Frame = {}): Frame {
  return {
    type: 'message',
    id,
    ...(seq === undefined ? {} : { seq }),
    conversation_id: 'c1',
    from: 'a1',
    to: 'operator',
    intent: 'chat',
    text,
    timestamp: new Date().toISOString(),
    ...extra,
  };
}

/** A gateway agent's chat message in its own direct conversation. */
export function gatewayMessage(agentId: string, id: string, text: string, extra: Frame = {}): Frame {
  return agentMessage(id, undefined, text, { agent_id: agentId, conversation_id: directConversationId(agentId), from: agentId, ...extra });
}
