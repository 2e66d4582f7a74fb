/**
 * `npm run dist [-- --linux|--mac|--win]`: builds, packages with electron-builder (electron-builder.yml), then puts
 * the Node build of better-sqlite3 back in node_modules, since packaging rebuilt it for Electron's ABI in place and
 * the tests and the browser host need Node's.
 *
 * Needs a machine that can download Electron's release zips and headers (GitHub); on this project's development
 * machines it cannot, and says so in one line.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

let status = run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
if (status === 0) {
  status = run(bin('electron-builder'), ['--publish', 'never', ...process.argv.slice(2)]);
  if (status !== 0) {
    console.error('Packaging failed. electron-builder needs to download Electron release zips and headers; see the lines above.');
  }
  const restored = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3']);
  if (restored !== 0) console.error('Could not rebuild better-sqlite3 for Node: run "npm rebuild better-sqlite3" before npm test.');
}
process.exit(status);
