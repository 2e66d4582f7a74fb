import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo } from '../../../shared/history';
import { CoreError } from '../core-error';
import { type Database, schemaVersion } from '../store/database';
import { createPrivateFile, ensurePrivateDir } from '../store/private-files';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';

export function backupDirectory(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/**
 * A full copy through SQLite's online backup API: consistent while the console keeps writing, because the API
 * restarts its page copy when the source changes under it.
 */
export async function createBackup(db: Database, dataDir: string, at: number, label = 'backup'): Promise<BackupInfo> {
  const dir = backupDirectory(dataDir);
  ensurePrivateDir(dir);
  const file = path.join(dir, `twin-console.${label}.${new Date(at).toISOString().replace(/[:.]/g, '-')}.sqlite`);
  createPrivateFile(file);
  await db.backup(file);
  return { file, bytes: fs.statSync(file).size, at };
}

/** Backups kept in the data directory, newest first (pre-migration copies included). */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDirectory(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return { file: path.join(dir, name), bytes: stat.size, at: stat.mtimeMs };
    })
    .sort((a, b) => b.at - a.at);
}

/**
 * Replaces the live log's content with a backup's, page by page through the online backup API into the open file;
 * the live connection sees the restored content on its next read. The current log is backed up first, so a restore
 * is itself undoable. The backup must be sound and of this version: anything else is refused before a byte moves.
 */
export async function restoreBackup(
  live: Database,
  liveFile: string,
  dataDir: string,
  backupFile: string,
  at: number,
  nativeBinding?: string,
): Promise<{ restored: BackupInfo; previous: BackupInfo }> {
  if (!fs.existsSync(backupFile)) throw new CoreError('NOT_FOUND', `There is no backup at ${backupFile}.`);
  let source: Database;
  try {
    source = new BetterSqlite3(backupFile, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    throw new CoreError('INVALID_REQUEST', `${backupFile} cannot be opened as a log: ${(error as Error).message}`);
  }
  try {
    let check: string;
    let version: number;
    try {
      check = (source.pragma('quick_check', { simple: true }) as string) ?? '';
      version = schemaVersion(source);
    } catch (error) {
      throw new CoreError('INVALID_REQUEST', `${backupFile} is not a Twin Console log: ${(error as Error).message}`);
    }
    if (check !== 'ok') throw new CoreError('INVALID_REQUEST', `${backupFile} is damaged (${check}); nothing was restored.`);
    if (version !== LATEST_SCHEMA_VERSION) {
      throw new CoreError(
        'CONFLICT',
        `${backupFile} has schema version ${version}, this console ${LATEST_SCHEMA_VERSION}: open it read-only for review instead.`,
      );
    }
    const previous = await createBackup(live, dataDir, at, 'before-restore');
    await source.backup(liveFile);
    return { restored: { file: backupFile, bytes: fs.statSync(backupFile).size, at }, previous };
  } finally {
    source.close();
  }
}
