import { createCore, silentLogger } from '../src/main/core';
import { type BenchContext, type Benchmark, percentile } from './harness';
import { startRemoteAgentHost } from './link-bench-support';

const PROBE_MS = 10;

/**
 * One agent (in its own process) sends `count` frames in one burst, alerts with distinct dedupe keys or plain
 * messages, into a core with the app's defaults. Meanwhile an API call is due every 10 ms; its latency is counted
 * from when it was due, so time the event loop spent blocked counts against it. Ends when every frame is in.
 */
async function burst(context: BenchContext, frames: 'alert' | 'message', count: number) {
  const host = await startRemoteAgentHost(1);
  await host.burst(count, frames);
  const core = createCore({ dataDir: context.tempDir(), endpoints: host.urls.map((url) => ({ url })), logger: silentLogger });
  const latencies: number[] = [];
  let taken = 0;
  let started = 0;
  const done = new Promise<void>((resolve) => {
    const seen = new Set<string>();
    core.on(frames === 'alert' ? 'alert:changed' : 'message:changed', (item) => {
      if (started === 0) started = performance.now();
      if (frames === 'alert' ? seen.add(item.id).size === count : ++taken === count) resolve();
    });
  });
  let finished = false;
  void done.then(() => (finished = true));
  const probe = (async () => {
    let due = performance.now();
    while (!finished) {
      due += PROBE_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const answer = await core.api.attention.counts();
      if (!answer.ok) throw new Error(answer.error.message);
      if (started > 0) latencies.push(performance.now() - due);
      due = Math.max(due, performance.now());
    }
  })();
  await done;
  const ingestMs = performance.now() - started;
  await probe;
  const listStart = performance.now();
  const list = await core.api.alerts.list({ limit: 200 });
  const listMs = performance.now() - listStart;
  if (!list.ok) throw new Error(list.error.message);
  await core.close();
  await host.stop();
  return { p99: percentile(latencies, 99), max: Math.max(0, ...latencies), ingestMs, listMs, samples: latencies.length };
}

const benchmark: Benchmark = {
  name: 'alert_ingest',
  async run(context) {
    const count = context.size(5000, 100);
    const messages = await burst(context, 'message', count);
    const alerts = await burst(context, 'alert', count);
    context.log(
      `${count} alerts in ${Math.round(alerts.ingestMs)} ms: API p99 ${alerts.p99.toFixed(1)} ms (max ${alerts.max.toFixed(1)}, ${alerts.samples} calls), ` +
        `alerts:list after ${alerts.listMs.toFixed(1)} ms; the same burst of messages: ${Math.round(messages.ingestMs)} ms, API p99 ${messages.p99.toFixed(1)} ms`,
    );
    return [
      {
        name: 'alert_ingest_api_p99',
        value: alerts.p99,
        unit: 'ms',
        baseline_name: `API p99 during ${count} messages`,
        baseline_value: messages.p99,
        ratio: messages.p99 > 0 ? alerts.p99 / messages.p99 : alerts.p99,
        goal: `API p99 <= 100 ms while ${count} alerts with distinct keys arrive`,
        pass: alerts.p99 <= 100,
      },
      {
        name: 'alert_ingest_list',
        value: alerts.listMs,
        unit: 'ms',
        baseline_name: `ingest of ${count} alerts, ms`,
        baseline_value: alerts.ingestMs,
        ratio: alerts.listMs / alerts.ingestMs,
        goal: 'alerts:list <= 50 ms after the burst',
        pass: alerts.listMs <= 50,
      },
    ];
  },
};

export default benchmark;
