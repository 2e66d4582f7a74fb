import { startDemoFleet } from '../src/agent-kit/demo/demo-fleet';
import { type Core, createCore, silentLogger } from '../src/main/core';
import type { Benchmark } from './harness';

/** Resolves once every one of `ids` has been acked by its agent (status delivered), with the time it took. */
function allAcked(core: Core, ids: Set<string>, startedAt: number): Promise<number> {
  return new Promise((resolve) => {
    const off = core.on('message:changed', (m) => {
      if (m.status !== 'delivered' || !ids.delete(m.id)) return;
      if (ids.size > 0) return;
      off();
      resolve(performance.now() - startedAt);
    });
  });
}

async function online(core: Core, count: number): Promise<void> {
  const ready = () => core.api.agents.list().then((r) => r.ok && r.value.filter((a) => a.linkState === 'online').length >= count);
  if (await ready()) return;
  await new Promise<void>((resolve) => {
    const check = () => void ready().then((ok) => ok && (off(), resolve()));
    // Link state changes arrive batched per link (agents:changed); single agents' changes as agent:changed.
    const offOne = core.on('agent:changed', check);
    const offMany = core.on('agents:changed', check);
    const off = () => (offOne(), offMany());
  });
}

/**
 * broadcast_200: one broadcast to 200 agents (behind gateways, as a fleet of twins is), until every recipient has
 * acked. Baseline: one message to one agent, until it is acked, on the same console.
 */
const benchmark: Benchmark = {
  name: 'broadcast_200',
  async run(context) {
    const agents = context.size(200, 12);
    const demo = await startDemoFleet({ activity: 'quiet', agents, gatewaySize: 50, heartbeatMs: 0 });
    const core = createCore({ dataDir: context.tempDir(), endpoints: demo.urls.map((url) => ({ url })), logger: silentLogger });
    try {
      await online(core, agents);
      const ids = demo.agentIds;
      const rounds = context.size(5, 1);
      let single = Number.POSITIVE_INFINITY;
      let fanout = Number.POSITIVE_INFINITY;
      for (let round = 0; round < rounds; round++) {
        // Pending ids are known only after the call returns, so the listener collects every delivered id first.
        const delivered = new Set<string>();
        const offSeen = core.on('message:changed', (m) => m.status === 'delivered' && delivered.add(m.id));
        let t0 = performance.now();
        const one = await core.api.messages.send({ agentId: ids[round % ids.length]!, text: `ping ${round}` });
        if (!one.ok) throw new Error(one.error.message);
        single = Math.min(single, delivered.has(one.value.id) ? performance.now() - t0 : await allAcked(core, new Set([one.value.id]), t0));

        t0 = performance.now();
        const sent = await core.api.broadcasts.send({ target: { kind: 'selection', agentIds: ids }, text: `All hands ${round}` });
        if (!sent.ok) throw new Error(sent.error.message);
        const waiting = new Set(sent.value.recipients.map((r) => r.messageId).filter((id) => !delivered.has(id)));
        offSeen();
        fanout = Math.min(fanout, waiting.size === 0 ? performance.now() - t0 : await allAcked(core, waiting, t0));
      }
      context.log(`broadcast to ${agents}: ${fanout.toFixed(1)} ms; one message: ${single.toFixed(1)} ms`);
      return [
        {
          name: 'broadcast_200',
          value: fanout,
          unit: 'ms until all acked',
          baseline_name: 'one message to one agent acked (ms)',
          baseline_value: single,
          ratio: fanout / single,
          goal: 'all 200 acked <= 1,000 ms',
          pass: fanout <= 1000,
        },
      ];
    } finally {
      await core.close();
      await demo.close();
    }
  },
};

export default benchmark;
