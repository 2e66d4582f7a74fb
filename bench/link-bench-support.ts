/**
 * Agents for the link benchmarks: one WebSocket server that plays many agents, one per URL path
 * (`ws://127.0.0.1:PORT/a17`), so a thousand agents cost one listening socket. Each agent says hello, answers
 * pings, and on `welcome` (or at once, for the raw baseline) sends the frames it was given.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
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

/**
 * `gatewaySize`: agents per link. Each URL is then a gateway (`/g3`) whose hello carries that many agent cards
 * (`g3-0` … `g3-249`), as a company's fleet behind gateways; welcomes and `onWelcome` are per link.
 */
export async function startAgentHost(
  count: number,
  options: { port?: number; raw?: boolean; gatewaySize?: number } = {},
): Promise<AgentHost> {
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
      const ids = options.gatewaySize ? Array.from({ length: options.gatewaySize }, (_, k) => `${agentId}-${k}`) : [agentId];
      socket.send(
        JSON.stringify({
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          agents: ids.map((id) => ({ id, name: id, role: 'bench', department: 'Bench', capabilities: [], intents: ['chat'] })),
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
  const links = options.gatewaySize
    ? Array.from({ length: Math.ceil(count / options.gatewaySize) }, (_, i) => `g${i}`)
    : agentIds(count);
  host.urls = links.map((id) => `ws://127.0.0.1:${host.port}/${id}`);
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

/** An agent alert frame with its own id and dedupe key: each one is a new alert, the costliest kind. */
export function benchAlertFrame(agentId: string, seq: number): string {
  return JSON.stringify({
    type: 'alert',
    id: `${agentId}-alert-${seq}`,
    severity: seq % 10 === 0 ? 'critical' : 'warning',
    title: `Signal ${seq} out of range`,
    body: `Pipeline coverage ${1 + (seq % 7) / 10}x, below the 2x target for segment ${seq}.`,
    dedupe_key: `bench-${seq}`,
    state: 'firing',
  });
}

/**
 * Milliseconds on the system-wide monotonic clock (CLOCK_MONOTONIC), so a send time taken in the agents' process
 * and a receive time taken in the core's are on the same clock. performance.now() is per process.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

const TICK_MS = 10;

/**
 * Paces `rate` msg/s across the agents for `seconds`, in bursts every 10 ms, recording each frame's send time
 * (monotonicMs) by id. `done` resolves after the last burst.
 */
export function pace(
  sockets: Map<string, WebSocket>,
  rate: number,
  seconds: number,
  sentAt: Map<string, number>,
): { done: Promise<void>; total: number } {
  const perTickPerAgent = Math.max(1, Math.round((rate * TICK_MS) / 1000 / sockets.size));
  const ticks = Math.round((seconds * 1000) / TICK_MS);
  let tick = 0;
  const done = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      tick += 1;
      for (const [agentId, socket] of sockets) {
        for (let i = 0; i < perTickPerAgent; i++) {
          const seq = (tick - 1) * perTickPerAgent + i + 1;
          sentAt.set(`${agentId}-${seq}`, monotonicMs());
          socket.send(benchFrame(agentId, seq));
        }
      }
      if (tick >= ticks) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  return { done, total: ticks * perTickPerAgent * sockets.size };
}

/** Parent -> agents process. Arm a mode before anything connects; `stop` ends the process. */
export type RemoteHostCommand =
  | { type: 'burst'; perAgent: number; frames?: 'message' | 'alert' }
  | { type: 'pace'; rate: number; seconds: number }
  | { type: 'stop' };

/** Agents process -> parent. `paced` carries every frame's send time (monotonicMs), by id. */
export type RemoteHostReport =
  | { type: 'listening'; urls: string[]; at: number }
  | { type: 'armed' }
  | { type: 'paced'; total: number; sentAt: [string, number][] };

export interface RemoteAgentHost {
  urls: string[];
  /** Every agent sends `perAgent` frames as soon as it is welcomed (raw: connected). */
  burst(perAgent: number, frames?: 'message' | 'alert'): Promise<void>;
  /** Once all agents are welcomed (raw: connected), they pace `rate` msg/s for `seconds`; resolves with the send times. */
  pace(rate: number, seconds: number): Promise<{ paced: Promise<Map<string, number>> }>;
  stop(): Promise<void>;
}

/** The agents of startAgentHost(), in a child process (bench/agent-host-process.ts). */
export async function startRemoteAgentHost(count: number, options: { raw?: boolean } = {}): Promise<RemoteAgentHost> {
  const child: ChildProcess = fork(path.join(__dirname, 'agent-host-process.ts'), [String(count), options.raw ? 'raw' : 'protocol'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T extends RemoteHostReport['type']>(type: T) =>
    new Promise<Extract<RemoteHostReport, { type: T }>>((resolve, reject) => {
      const onMessage = (message: RemoteHostReport) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<RemoteHostReport, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`the agents process exited (${code}) before "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { urls } = await next('listening');
  return {
    urls,
    burst: async (perAgent, frames = 'message') => {
      const armed = next('armed');
      child.send({ type: 'burst', perAgent, frames } satisfies RemoteHostCommand);
      await armed;
    },
    pace: async (rate, seconds) => {
      const armed = next('armed');
      const paced = next('paced').then((m) => new Map(m.sentAt));
      child.send({ type: 'pace', rate, seconds } satisfies RemoteHostCommand);
      await armed;
      return { paced };
    },
    stop: async () => {
      if (child.exitCode === null) child.send({ type: 'stop' } satisfies RemoteHostCommand);
      await exited;
    },
  };
}
