/**
 * One bench agent in a child process of its own (its sending must not share the measured processes' event loops),
 * for the renderer benchmarks. It says hello, waits to be told, then paces frames into its direct conversation,
 * recording each frame's send time on the system-wide monotonic clock. Driven by dom-latency-support.ts.
 */
import type { WebSocket } from 'ws';
import { benchFrame, monotonicMs, startAgentHost } from './link-bench-support';
import type { StreamAgentCommand, StreamAgentReport } from './dom-latency-support';

const TICK_MS = 10;
const report = (message: StreamAgentReport) => process.send?.(message);

async function main(): Promise<void> {
  const host = await startAgentHost(1);
  let socket: WebSocket | null = null;
  let seq = 0;
  host.onWelcome = (_agentId, welcomed) => {
    socket = welcomed;
    report({ type: 'welcomed' });
  };
  process.on('message', (command: StreamAgentCommand) => {
    if (command.type === 'stop') {
      void host.stop().then(() => process.exit(0));
      return;
    }
    const ws = socket;
    if (!ws) throw new Error('send before the console welcomed the agent');
    const sentAt: [string, number][] = [];
    const perTick = (command.rate * TICK_MS) / 1000;
    const start = monotonicMs();
    let sent = 0;
    // Paced against the clock, not the timer count: a late timer sends what it owes, so the rate holds.
    const timer = setInterval(() => {
      const due = Math.min(command.count, Math.floor(((monotonicMs() - start) / TICK_MS + 1) * perTick));
      for (; sent < due; sent++) {
        seq += 1;
        if (command.recordTimes) sentAt.push([`a0-${seq}`, monotonicMs()]);
        ws.send(benchFrame('a0', seq));
      }
      if (sent >= command.count) {
        clearInterval(timer);
        report({ type: 'sent', lastSeq: seq, sentAt });
      }
    }, TICK_MS);
  });
  report({ type: 'listening', url: host.urls[0]! });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
