/**
 * The console as a user starts it, minus Electron: open the log, serve the renderer on loopback, print the URL. The
 * cold-start benchmark bundles this file first (so no TypeScript is compiled inside the timing, as in the shipped
 * app), then times from spawning the process to the roster on screen. `node cold-start-host.cjs <dataDir> <rendererDir>`
 */
import { startBrowserHost } from '../src/main/browser-host/browser-host';
import { openCore, silentLogger } from '../src/main/core';

async function main(): Promise<void> {
  const [dataDir, rendererDir] = process.argv.slice(2) as [string, string];
  const t0 = performance.now();
  const core = openCore({ dataDir, logger: silentLogger });
  const openMs = performance.now() - t0;
  const host = await startBrowserHost({ core, rendererDir });
  process.stdout.write(`${JSON.stringify({ url: host.url, openMs })}\n`);
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
