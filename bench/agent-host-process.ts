/**
 * The bench agents in a child process of their own, as real agents would be: their sending, and their reading of
 * the console's acks, then no longer share the measured process's event loop. Driven over IPC by
 * link-bench-support.ts's startRemoteAgentHost(); see RemoteHostCommand for the conversation.
 */
import type { WebSocket } from 'ws';
import { benchAlertFrame, benchFrame, monotonicMs, pace, type RemoteHostCommand, type RemoteHostReport, startAgentHost } from './link-bench-support';

const [countArg, rawArg] = process.argv.slice(2);
const count = Number(countArg);
const report = (message: RemoteHostReport) => process.send?.(message);

async function main(): Promise<void> {
  const host = await startAgentHost(count, { raw: rawArg === 'raw' });
  process.on('message', (command: RemoteHostCommand) => {
    switch (command.type) {
      case 'burst':
        // Each agent sends its frames as soon as it is welcomed (or, raw, connected).
        host.onWelcome = (agentId, socket) => {
          const frame = command.frames === 'alert' ? benchAlertFrame : benchFrame;
          for (let seq = 1; seq <= command.perAgent; seq++) socket.send(frame(agentId, seq));
        };
        report({ type: 'armed' });
        return;
      case 'pace': {
        const sockets = new Map<string, WebSocket>();
        host.onWelcome = (agentId, socket) => {
          sockets.set(agentId, socket);
          if (sockets.size < count) return;
          const sentAt = new Map<string, number>();
          const run = pace(sockets, command.rate, command.seconds, sentAt);
          void run.done.then(() => report({ type: 'paced', total: run.total, sentAt: [...sentAt] }));
        };
        report({ type: 'armed' });
        return;
      }
      case 'stop':
        void host.stop().then(() => process.exit(0));
        return;
    }
  });
  report({ type: 'listening', urls: host.urls, at: monotonicMs() });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
