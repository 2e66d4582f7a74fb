/**
 * `count` A2A agents (the SDK's server, one port each) in their own process, so the core's memory and CPU are
 * measured apart from theirs. Reports `{urls}` over IPC once all listen; `{type:'exit'}` stops them.
 */
import { serveEchoA2aAgent } from './a2a-bench-support';

const count = Number(process.argv[2] ?? 1);

async function main(): Promise<void> {
  const servers: Awaited<ReturnType<typeof serveEchoA2aAgent>>[] = [];
  for (let i = 0; i < count; i++) servers.push(await serveEchoA2aAgent(`Bench A2A agent ${i}`));
  process.on('message', (message: { type: string }) => {
    if (message.type === 'exit') void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0));
  });
  process.send?.({ urls: servers.map((s) => s.url) });
}

void main();
