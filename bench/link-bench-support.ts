/**
 * Agents for the link benchmarks: one WebSocket server that plays many agents, one per URL path
 * (`ws://127.0.0.1:PORT/a17`), so a thousand agents cost one listening socket. Each agent says hello, answers
 * pings, and on `welcome` (or at once, for the raw baseline) sends the frames it was given.
 */
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { PROTOCOL_VERSION } from '../src/shared/protocol';

export interface AgentHost {
  readonly port: number;
  urls: string[];
  /** Welcomes received (per agent connection); with `at`, when each arrived (performance.now()). */
  welcomes: number;
  welcomeTimes: number[];
  connectionTimes: number[];
  onWelcome: ((agentId: string, socket: WebSocket) => void) | null;
  /** Closes every socket and stops listening: the agents "crash". */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

export function agentIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `a${i}`);
}

export async function startAgentHost(count: number, options: { port?: number; raw?: boolean } = {}): Promise<AgentHost> {
  let server!: WebSocketServer;
  const host: AgentHost = {
    port: 0,
    urls: [],
    welcomes: 0,
    welcomeTimes: [],
    connectionTimes: [],
    onWelcome: null,
    stop: async () => {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    restart: async () => {
      server = await listen(host.port);
      attach();
    },
  };
  const attach = () =>
    server.on('connection', (socket, request) => {
      const agentId = (request.url ?? '/').slice(1);
      host.connectionTimes.push(performance.now());
      if (options.raw) return host.onWelcome?.(agentId, socket);
      socket.send(
        JSON.stringify({
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          agents: [{ id: agentId, name: agentId, role: 'bench', department: 'Bench', capabilities: [], intents: ['chat'] }],
        }),
      );
      socket.on('message', (data) => {
        const text = data.toString();
        // Only the frames an agent must answer are parsed; acks are the bulk and need nothing.
        if (text.startsWith('{"type":"ping"')) {
          const frame = JSON.parse(text) as { nonce: string };
          socket.send(JSON.stringify({ type: 'pong', nonce: frame.nonce }));
        } else if (text.startsWith('{"type":"welcome"')) {
          host.welcomes += 1;
          host.welcomeTimes.push(performance.now());
          host.onWelcome?.(agentId, socket);
        }
      });
    });
  server = await listen(options.port ?? 0);
  (host as { port: number }).port = (server.address() as AddressInfo).port;
  host.urls = agentIds(count).map((id) => `ws://127.0.0.1:${host.port}/${id}`);
  attach();
  return host;
}

function listen(port: number): Promise<WebSocketServer> {
  return new Promise((resolve, reject) => {
    const server = new WebSocketServer({ host: '127.0.0.1', port, backlog: 2048 });
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** A ~300-byte agent message frame, as the DESIGN anchors assume. */
export function benchFrame(agentId: string, seq: number): string {
  return JSON.stringify({
    type: 'message',
    id: `${agentId}-${seq}`,
    seq,
    conversation_id: `direct:${agentId}`,
    from: agentId,
    to: 'operator',
    intent: 'share_insights',
    text: `Weekly signal ${seq}: organic sessions up 4.2%, paid CAC flat, two new competitor launches to review.`,
    priority: 'normal',
    timestamp: new Date().toISOString(),
  });
}
