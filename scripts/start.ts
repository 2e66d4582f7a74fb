/**
 * `npm start`: the desktop app where Electron can run; elsewhere, one line saying why, then the same core and
 * renderer in the browser host, with the URL to open. Arguments after `--` go to the app (see launch-options.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { bundleBrowserHost, BROWSER_HOST_BUNDLE } from './bundle-node-entry';
import { findElectronBinary } from './electron-binary';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);

function run(command: string, commandArgs: string[]): number {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

const build = run(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn']);
if (build !== 0) process.exit(build);

const binary = findElectronBinary(root);
if (binary.found) {
  run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/prepare-electron-sqlite.ts')]);
  process.exit(run(binary.path, [path.join(root, 'out/main/index.js'), ...args]));
}

console.log(`Electron cannot run here: ${binary.reason}. Starting the browser host instead.`);
// Bundled first (about a second, like the build above), so the host starts as plain JavaScript: under tsx it
// transpiled the whole core on every start. NODE_OPTIONS=--enable-source-maps maps its stack traces to the source.
bundleBrowserHost().then(
  () => process.exit(run(process.execPath, [BROWSER_HOST_BUNDLE, ...args])),
  (error: unknown) => {
    console.error(`Could not bundle the browser host: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
