/**
 * Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/, leaving node_modules' Node build alone
 * (tests and the browser host need that one). The Electron main loads it through better-sqlite3's nativeBinding.
 *
 * Runs only where the Electron binary exists (a machine that could download it can also download Electron's
 * headers). Never fails the caller: on any problem it prints one line and exits 0, and the app then reports the
 * missing module itself. Never run @electron/rebuild here: with npm's nodedir set it silently builds for Node.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronSqliteBindingPath } from '../src/main/electron/native-sqlite';
import { findElectronBinary } from './electron-binary';

const root = path.resolve(__dirname, '..');
const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const target = electronSqliteBindingPath(root, electronVersion);

function main(): string {
  if (fs.existsSync(target)) return `Electron-ABI better-sqlite3 is ready: ${target}`;
  const binary = findElectronBinary(root);
  if (!binary.found) return `Skipping the Electron build of better-sqlite3: ${binary.reason}.`;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-sqlite-'));
  fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), work, { recursive: true });
  const env = { ...process.env };
  // npm's nodedir (set on some machines) would make node-gyp build against Node's headers, not Electron's.
  delete env.npm_config_nodedir;
  delete env.NODEDIR;
  const nodeGyp = env.npm_config_node_gyp;
  const [command, prefix] = nodeGyp ? [process.execPath, [nodeGyp]] : ['node-gyp', []];
  const result = spawnSync(
    command,
    [...prefix, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, env, stdio: 'inherit', timeout: 10 * 60_000 },
  );
  if (result.status !== 0) {
    return `Could not build better-sqlite3 for Electron ${electronVersion} (${result.error?.message ?? `exit ${result.status}`}); the app will say so when it opens the log.`;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), target);
  fs.rmSync(work, { recursive: true, force: true });
  return `Built better-sqlite3 for Electron ${electronVersion}: ${target}`;
}

try {
  console.log(main());
} catch (error) {
  console.log(`Skipping the Electron build of better-sqlite3: ${(error as Error).message}`);
}
