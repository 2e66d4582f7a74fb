import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { ProbeWaiters } from './probe-waiters';
import { type AgentCard, PROTOCOL_VERSION } from '../../src/shared/protocol';

/**
 * A bare agent server for protocol-level tests: it says hello and then lets the test send any bytes it likes
 * (valid or not) and read every frame the console sends back. The agent kit is deliberately not used here, so
 * these tests check the console against the wire, not against our own client.
 */
export class RawAgent {
  readonly received: Record<string, unknown>[] = [];
  private socket: WebSocket | null = null;
  private readonly waiters = new ProbeWaiters();

  private constructor(
    private readonly server: WebSocketServer,
    private readonly cards: AgentCard[],
  ) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        this.received.push(JSON.parse(data.toString()) as Record<string, unknown>);
        this.waiters.notify();
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
        this.waiters.notify();
      });
      socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, agents: this.cards }));
      this.waiters.notify();
    });
  }

  static async start(cards: AgentCard[], port = 0): Promise<RawAgent> {
    const server = new WebSocketServer({ host: '127.0.0.1', port });
    await new Promise((resolve) => server.once('listening', resolve));
    return new RawAgent(server, cards);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  sendRaw(data: string | Buffer): void {
    if (!this.socket) throw new Error('no console connected');
    this.socket.send(data, { binary: Buffer.isBuffer(data) });
  }

  send(frame: object): void {
    this.sendRaw(JSON.stringify(frame));
  }

  /** Waits until a frame from the console matches, scanning what has already arrived first. */
  waitForFrame(predicate: (frame: Record<string, unknown>) => boolean, what: string, timeoutMs = 10_000) {
    return this.waiters.until(() => this.received.find(predicate), what, timeoutMs);
  }

  waitForConnection(timeoutMs = 10_000) {
    return this.waiters.until(() => (this.socket ? true : undefined), 'a console connection', timeoutMs);
  }

  disconnect(): void {
    this.socket?.terminate();
  }

  async close(): Promise<void> {
    this.socket?.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

}

export function card(id: string, overrides: Partial<AgentCard> = {}): AgentCard {
  return {
    id,
    name: `${id} name`,
    role: 'Tester',
    department: 'QA',
    capabilities: [],
    intents: ['chat'],
    ...overrides,
  };
}
