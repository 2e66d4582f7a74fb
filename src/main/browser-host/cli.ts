/**
 * `npm start` where Electron cannot run: the same core and the same renderer, served to a browser on loopback.
 */
import path from 'node:path';
import { startDemoFleet } from '../../agent-kit/demo/demo-fleet';
import { consoleLogger, installProcessGuard, openCore } from '../core';
import { LAUNCH_USAGE, parseLaunchOptions } from '../launch-options';
import { startKeptBrowserHost } from './start-kept-host';

async function main(): Promise<void> {
  // Before anything can fail asynchronously: one stray rejection must not take every agent link down with it.
  installProcessGuard({ logger: consoleLogger });
  let options;
  try {
    options = parseLaunchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${LAUNCH_USAGE}`);
    process.exit(2);
  }
  for (const warning of options.warnings) console.warn(`Warning: ${warning}`);
  const dataDir = options.dataDir ?? path.resolve('.data');
  const demo = options.demo || options.endpoints.length === 0 ? await startDemoFleet() : null;
  const core = openCore({
    dataDir,
    endpoints: [...options.endpoints, ...[...(demo?.urls ?? []), ...(demo?.a2aUrls ?? [])].map((url) => ({ url }))],
  });
  // The token and port are kept in the data dir, so a tab left open reconnects after a restart by itself.
  const host = await startKeptBrowserHost({
    core,
    dataDir,
    rendererDir: path.resolve(__dirname, '../../../out/renderer'),
    port: options.port,
    newToken: options.newToken,
    exportsDir: path.join(dataDir, 'exports'),
  });

  console.log(`Twin Console is running${demo ? ' with the demo fleet' : ''}. Message log: ${dataDir}`);
  console.log(`Open this URL in a browser: ${host.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    await demo?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Twin Console could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
