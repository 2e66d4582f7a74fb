/**
 * The console core alone in a process, with no agents: `node --import tsx log-child.ts <dataDir>`. It prints `open`
 * once the log is open; tests then kill it (SIGKILL: an unclean end) or stop it (SIGTERM: a clean close).
 */
import { createCore, silentLogger } from '../../src/main/core';

const [dataDir] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: log-child.ts <dataDir>');
  process.exit(2);
}
const core = createCore({ dataDir, logger: silentLogger, tickIntervalMs: 0 });
process.on('SIGTERM', () => void core.close().then(() => process.exit(0)));
process.stdout.write('open\n');
setInterval(() => {}, 60_000);
