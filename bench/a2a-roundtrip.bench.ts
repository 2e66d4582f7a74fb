import { serveAgent } from '../src/agent-kit';
import { agentIdOf } from '../src/main/core/links/a2a/a2a-card';
import { benchCore, endpointsOnline, roundTrips, serveEchoA2aAgent } from './a2a-bench-support';
import { type Benchmark, percentile } from './harness';

/**
 * Operator message → complete reply, over A2A (non-streaming SendMessage: one HTTP request, the reply in its
 * response) and over protocol v1 (one WebSocket frame each way), one after another, same core, same run. Both agents
 * answer at once in this process, so what differs is the link: HTTP + JSON-RPC + the SDK's client against a socket
 * that is already open.
 */
const benchmark: Benchmark = {
  name: 'a2a_roundtrip',
  async run(context) {
    const count = context.size(300, 10);
    const a2a = await serveEchoA2aAgent('Bench echo (A2A)');
    const v1 = await serveAgent({
      card: { id: 'bench-echo-v1', name: 'Bench echo (v1)', role: 'Bench', department: 'Bench' },
      intents: { chat: (message, agent) => void agent.reply(message, `echo: ${message.text ?? ''}`) },
    });
    const core = benchCore(context.tempDir(), [a2a.url, v1.url]);
    try {
      await endpointsOnline(core, 2);
      const warm = context.size(20, 2);
      await roundTrips(core, agentIdOf(a2a.url), warm);
      await roundTrips(core, 'bench-echo-v1', warm);
      const overA2a = await roundTrips(core, agentIdOf(a2a.url), count);
      const overV1 = await roundTrips(core, 'bench-echo-v1', count);
      const [p50, p95, v1p50, v1p95] = [percentile(overA2a, 50), percentile(overA2a, 95), percentile(overV1, 50), percentile(overV1, 95)];
      context.log(`A2A p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms; v1 p50 ${v1p50.toFixed(2)} ms, p95 ${v1p95.toFixed(2)} ms over ${count} round trips each`);
      return [
        {
          name: 'a2a_roundtrip_p50',
          value: p50,
          unit: 'ms',
          baseline_name: 'v1 round trip p50',
          baseline_value: v1p50,
          ratio: p50 / v1p50,
          goal: 'reported against v1 (no target in the issue); met when p50 <= 50 ms on loopback',
          pass: p50 <= 50,
        },
        {
          name: 'a2a_roundtrip_p95',
          value: p95,
          unit: 'ms',
          baseline_name: 'v1 round trip p95',
          baseline_value: v1p95,
          ratio: p95 / v1p95,
          goal: 'reported against v1 (no target in the issue); met when p95 <= 100 ms on loopback',
          pass: p95 <= 100,
        },
      ];
    } finally {
      await core.close();
      await a2a.close();
      await v1.close();
    }
  },
};

export default benchmark;
