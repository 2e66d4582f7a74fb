import { WebSocket } from 'ws';
import { AgentToConsoleFrame, describeZodError, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { ProbeWaiters } from './probe-waiters';

export type WireFrame = Record<string, unknown> & { type: string };

/**
 * A stand-in console for protocol-level tests of agents: it dials an agent, records every frame, checks each one
 * against the protocol's schema (a frame that does not parse lands in `invalid`), and lets the test send anything.
 * It covers what the real core does not consume yet (deltas, alerts, decisions, decision results, set_mode).
 */
export class RawConsole {
  readonly received: WireFrame[] = [];
  readonly invalid: string[] = [];
  closeCode: number | null = null;
  private readonly waiters = new ProbeWaiters();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const text = data.toString();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        this.invalid.push(`not JSON: ${text.slice(0, 100)}`);
        return this.notify();
      }
      const parsed = AgentToConsoleFrame.safeParse(json);
      if (isBinary || !parsed.success) this.invalid.push(`${text.slice(0, 200)} -> ${parsed.success ? 'binary' : describeZodError(parsed.error)}`);
      this.received.push(json as WireFrame);
      this.notify();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
    socket.on('error', () => {});
  }

  /** Dials `url` and resolves once the agent's hello has arrived. */
  static async connect(url: string, headers: Record<string, string> = {}): Promise<RawConsole> {
    const socket = new WebSocket(url, { headers });
    const raw = new RawConsole(socket);
    await raw.waitFor((f) => f.type === 'hello', 'hello');
    return raw;
  }

  get hello(): WireFrame & { agents: { id: string }[] } {
    return this.received.find((f) => f.type === 'hello') as WireFrame & { agents: { id: string }[] };
  }

  welcome(lastSeq: Record<string, number> = {}, consoleId = 'test-console'): void {
    this.send({ type: 'welcome', protocol: PROTOCOL_VERSION, console_id: consoleId, last_seq: lastSeq });
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data, { binary: Buffer.isBuffer(data) });
  }

  /** A console message, as the real core would send it. */
  chat(to: string, text: string, overrides: Record<string, unknown> = {}): string {
    const id = `c-${Math.random().toString(36).slice(2)}`;
    this.send({
      type: 'message',
      id,
      conversation_id: `direct:${to}`,
      from: 'operator',
      to,
      intent: 'chat',
      text,
      priority: 'normal',
      timestamp: new Date().toISOString(),
      ...overrides,
    });
    return id;
  }

  /** Frames of one type, in arrival order. */
  of(type: string): WireFrame[] {
    return this.received.filter((f) => f.type === type);
  }

  /** Resolves with the first received frame (already arrived or future) that matches. */
  waitFor(predicate: (frame: WireFrame) => boolean, what: string, timeoutMs = 10_000): Promise<WireFrame> {
    return this.until(() => this.received.find(predicate), what, timeoutMs);
  }

  waitForClose(timeoutMs = 10_000): Promise<number> {
    return this.until(() => this.closeCode ?? undefined, 'the socket to close', timeoutMs);
  }

  close(): void {
    this.socket.terminate();
  }

  private notify(): void {
    this.waiters.notify();
  }

  private until<T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return this.waiters.until(probe, () => `${what}; got ${this.received.map((f) => f.type).join(', ')}`, timeoutMs);
  }
}
