import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native addon, and Electron's ABI differs from Node's: the build in node_modules (compiled for
 * Node, so tests can use it) will not load in Electron. `scripts/prepare-electron-sqlite.ts` compiles an Electron-ABI
 * copy into .native/ wherever the Electron headers can be downloaded; packaged apps get one from electron-builder's
 * install-app-deps. Returns the addon to load, or undefined to use node_modules' build.
 */
export function electronSqliteBinding(appRoot: string, isPackaged: boolean, electronVersion: string): string | undefined {
  if (isPackaged) return undefined;
  const candidate = electronSqliteBindingPath(appRoot, electronVersion);
  return fs.existsSync(candidate) ? candidate : undefined;
}

export function electronSqliteBindingPath(appRoot: string, electronVersion: string): string {
  return path.join(appRoot, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');
}
