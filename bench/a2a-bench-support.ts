/**
 * What the A2A benchmarks share: an agent served by the official SDK's server (the same one the tests and the demo
 * use), a core dialing given URLs, and waiting for its links to come online.
 */
import type { AgentExecutor, ExecutionEventBus, RequestContext } from '@a2a-js/sdk/server';
import { type A2aAgentServer, serveA2aAgent } from '../src/agent-kit/a2a/a2a-agent-server';
import { agentMessage, textOf, textPart } from '../src/agent-kit/a2a/a2a-parts';
import { type Core, createCore, silentLogger } from '../src/main/core';

/** An executor from one function; cancel is not benchmarked. */
export function executor(execute: (context: RequestContext, bus: ExecutionEventBus) => Promise<void> | void): AgentExecutor {
  return {
    execute: async (context, bus) => {
      await execute(context, bus);
      bus.finished();
    },
    cancelTask: async () => {},
  };
}

/** Answers every message at once with one Message (no task): the shortest A2A exchange there is. */
export function serveEchoA2aAgent(name: string, streaming = false): Promise<A2aAgentServer> {
  return serveA2aAgent({
    name,
    description: 'Echoes for the benchmarks.',
    streaming,
    executor: executor((context, bus) => {
      bus.publish({ kind: 'message', data: agentMessage([textPart(`echo: ${textOf(context.userMessage)}`)], { contextId: context.contextId }) });
    }),
  });
}

export function benchCore(dataDir: string, urls: string[]): Core {
  return createCore({ dataDir, endpoints: urls.map((url) => ({ url })), logger: silentLogger });
}

/** Resolves once `count` endpoints of the core are online (waits on its own endpoint events, never on time). */
export async function endpointsOnline(core: Core, count: number): Promise<void> {
  const listed = await core.api.endpoints.list();
  const online = new Set(listed.ok ? listed.value.filter((e) => e.linkState === 'online').map((e) => e.id) : []);
  if (online.size >= count) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${online.size} of ${count} endpoints came online`)), 120_000);
    const off = core.on('endpoint:changed', (endpoint) => {
      if (endpoint.linkState === 'online') online.add(endpoint.id);
      else online.delete(endpoint.id);
      if (online.size < count) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** Sends operator messages one after another and returns each one's time to its complete reply. */
export async function roundTrips(core: Core, agentId: string, count: number): Promise<number[]> {
  const waiting = new Map<string, () => void>();
  const early = new Set<string>();
  const off = core.on('message:changed', (m) => {
    if (m.direction !== 'in' || m.replyTo === null) return;
    const done = waiting.get(m.replyTo);
    if (done) done();
    else early.add(m.replyTo);
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const sent = await core.api.messages.send({ agentId, text: `round trip ${i}` });
      if (!sent.ok) throw new Error(sent.error.message);
      if (!early.delete(sent.value.id)) await new Promise<void>((resolve) => waiting.set(sent.value.id, resolve));
      waiting.delete(sent.value.id);
      latencies.push(performance.now() - started);
    }
  } finally {
    off();
  }
  return latencies;
}
