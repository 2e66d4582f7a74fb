/**
 * The core alone in a child process, for measuring its own memory and CPU. Endpoints come as a JSON array on
 * stdin-less argv; the parent asks `{type:'sample'}` over IPC and gets `{online, rss, cpuUs, at}` back.
 */
import { createCore, silentLogger } from '../src/main/core';

const [dataDir, urlsJson, heartbeatMs] = process.argv.slice(2);
const urls = JSON.parse(urlsJson ?? '[]') as string[];
const core = createCore({
  dataDir: dataDir!,
  endpoints: urls.map((url) => ({ url })),
  logger: silentLogger,
  link: { heartbeatMs: Number(heartbeatMs ?? 10_000), degradedAfterMs: 60_000, offlineAfterMs: 120_000 },
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'sample') {
    void core.api.endpoints.list().then((result) => {
      const online = result.ok ? result.value.filter((e) => e.linkState === 'online').length : -1;
      const cpu = process.cpuUsage();
      process.send?.({ online, rss: process.memoryUsage().rss, cpuUs: cpu.user + cpu.system, at: performance.now() });
    });
  } else if (message.type === 'exit') {
    void core.close().then(() => process.exit(0));
  }
});
process.send?.({ ready: true });
