/**
 * The core and the browser host alone in a process: `node --import tsx host-child.ts <dataDir>`. It prints one JSON
 * line {origin, token, url} once listening. Tests throw hostile input at it; if any input ended the process, the
 * parent sees the exit instead of its own test runner dying with it.
 */
import path from 'node:path';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';

async function main(dataDir: string): Promise<void> {
  const core = createCore({ dataDir, logger: silentLogger });
  const host = await startBrowserHost({
    core,
    rendererDir: path.resolve(__dirname, '../../out/renderer'),
    // Small limits, so a short flood and a modest frame cross them.
    socketLimits: { maxPayloadBytes: 64 * 1024, callsPerSecond: 50, burst: 50, maxRefused: 200 },
    log: () => {},
  });
  console.log(JSON.stringify({ origin: host.origin, token: host.token, url: host.url }));
  process.on('SIGTERM', () => void host.close().then(() => core.close()).then(() => process.exit(0)));
}

const [dataDir] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: host-child.ts <dataDir>');
  process.exit(2);
}
void main(dataDir);
