/**
 * The console core alone in a process, dialing one agent: `node --import tsx core-child.ts <dataDir> <agentUrl>`.
 * Tests kill it with SIGKILL mid-ingest to prove what an ack promises survives a crash.
 */
import { createCore, silentLogger } from '../../src/main/core';

const [dataDir, url] = process.argv.slice(2);
if (!dataDir || !url) {
  console.error('usage: core-child.ts <dataDir> <agentUrl>');
  process.exit(2);
}
const core = createCore({ dataDir, endpoints: [{ url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 100 } } });
process.on('SIGTERM', () => void core.close().then(() => process.exit(0)));
