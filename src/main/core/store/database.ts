import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CoreError } from '../core-error';
import type { Logger } from '../logger';
import { takeCleanCloseMarker } from './clean-close-marker';
import { createPrivateFile, ensurePrivateDir, tightenDataDir } from './private-files';
import { SearchIndexer } from './search-indexer';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Database = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /**
   * Path to a better-sqlite3 addon built for the running ABI. The Electron main passes its Electron-ABI build here;
   * Node (tests, browser host) leaves it unset and gets the build from node_modules.
   */
  nativeBinding?: string;
  /** Told once per open when an existing data dir had to be made private. */
  logger?: Pick<Logger, 'warn'>;
}

export const DATABASE_FILE_NAME = 'twin-console.sqlite';

/**
 * Opens (creating if needed) the message log in `dataDir` and brings its schema up to date.
 *
 * synchronous=FULL: the console acks an agent message only after its transaction commits, and an ack is a promise
 * that the message survives a power cut, not just a process crash. Batched commits keep the fsync cost per batch.
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Database {
  return openDatabaseChecked(dataDir, options).db;
}

/**
 * As openDatabase, and says whether the file was checked at open. quick_check reads every page (5 s at 1M
 * messages), so it blocks the start only when the last close was not clean (see clean-close-marker.ts); otherwise
 * the console checks the log in the background once it is up (history/integrity-monitor.ts).
 */
export function openDatabaseChecked(dataDir: string, options: OpenDatabaseOptions = {}): { db: Database; checkedAtOpen: boolean } {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const { tightened, problems } = tightenDataDir(dataDir, file);
  if (tightened.length > 0) {
    options.logger?.warn(
      `the data dir was readable by other users; made it private (dir 700, files 600): ${tightened.map((p) => path.relative(dataDir, p) || '.').join(', ')}`,
    );
  }
  for (const problem of problems) options.logger?.warn(`the message log may be readable by others: ${problem}`);
  const existed = fs.existsSync(file);
  if (!existed) createPrivateFile(file);
  const closedCleanly = takeCleanCloseMarker(file);
  const db = connect(file, options, false);
  try {
    const checkedAtOpen = existed && !closedCleanly;
    if (checkedAtOpen) checkIntegrity(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file, existed ? dataDir : null);
    return { db, checkedAtOpen };
  } catch (error) {
    db.close();
    throw asOpenError(error, file);
  }
}

/**
 * Opens another log file (say, one copied from another machine) for review without ever writing to it. A file from
 * an older version is first copied (VACUUM INTO, which reads a read-only connection) and the copy is migrated, so
 * search and paging work the same on it; the original is not touched.
 */
export function openLogReadOnly(
  file: string,
  options: OpenDatabaseOptions & { scratchDir: string },
): { db: Database; migratedCopy: string | null } {
  if (!fs.existsSync(file)) throw new CoreError('NOT_FOUND', `There is no file at ${file}.`);
  let db = connect(file, options, true);
  try {
    checkIntegrity(db, file);
    const version = schemaVersion(db);
    refuseFuture(version, file);
    // A current log whose search index trails it (it was copied while the app ran) is reviewed through a copy too,
    // where the index can catch up: a read-only file cannot be indexed, and its newest messages would not be found.
    if (version === LATEST_SCHEMA_VERSION && !hasSearchBacklog(db)) return { db, migratedCopy: null };
    ensurePrivateDir(options.scratchDir);
    const copy = path.join(options.scratchDir, `review-${Date.now()}-${path.basename(file)}`);
    createPrivateFile(copy);
    db.prepare('VACUUM INTO ?').run(copy);
    db.close();
    const writable = connect(copy, options, false);
    try {
      migrate(writable, copy, null);
      new SearchIndexer(writable).catchUp();
    } finally {
      writable.close();
    }
    db = connect(copy, options, true);
    return { db, migratedCopy: copy };
  } catch (error) {
    if (db.open) db.close();
    throw asOpenError(error, file);
  }
}

function hasSearchBacklog(db: Database): boolean {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_backlog'").get();
  return table !== undefined && db.prepare('SELECT 1 FROM search_backlog LIMIT 1').get() !== undefined;
}

function connect(file: string, options: OpenDatabaseOptions, readonly: boolean): Database {
  try {
    return new BetterSqlite3(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(readonly ? { readonly: true, fileMustExist: true } : {}),
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/NODE_MODULE_VERSION|was compiled against a different/.test(message)) {
      throw new CoreError(
        'NATIVE_MODULE_MISSING',
        'better-sqlite3 was built for a different runtime than this one (Node and Electron need separate builds). ' +
          'Run "npm run prepare:electron-sqlite" on a machine with network access, or reinstall the app.',
        { cause: error },
      );
    }
    throw new CoreError('DATABASE_UNREADABLE', `Cannot open the message log at ${file}: ${message}`, { cause: error });
  }
}

/**
 * quick_check reads every page (but skips the index-vs-table cross-check that makes integrity_check slow), so a torn
 * or overwritten file is caught at open, before the console acks anything into it.
 */
function checkIntegrity(db: Database, file: string): void {
  const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
  if (rows.length === 1 && rows[0]?.quick_check === 'ok') return;
  const detail = rows.map((r) => r.quick_check).slice(0, 3).join('; ');
  throw new CoreError(
    'DATABASE_UNREADABLE',
    `The message log at ${file} is damaged (${detail}). It is left untouched: export what can still be read, or start a fresh log and keep the old file.`,
  );
}

function asOpenError(error: unknown, file: string): CoreError {
  if (error instanceof CoreError) return error;
  return new CoreError(
    'DATABASE_UNREADABLE',
    `The message log at ${file} could not be read (${(error as Error).message}). It is left untouched: export what can still be read, or start a fresh log and keep the old file.`,
    { cause: error },
  );
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseFuture(version: number, file: string): void {
  if (version <= LATEST_SCHEMA_VERSION) return;
  throw new CoreError(
    'DATABASE_FROM_FUTURE',
    `The message log at ${file} has schema version ${version}, but this Twin Console only knows up to ${LATEST_SCHEMA_VERSION}. ` +
      'It was written by a newer version: update Twin Console to open it. The file was not changed.',
  );
}

/** Where the copy taken before a migration goes: next to the log, never overwritten. */
export function preMigrationBackupFile(dataDir: string, fromVersion: number, at = Date.now()): string {
  return path.join(dataDir, 'backups', `twin-console.v${fromVersion}.before-migration.${at}.sqlite`);
}

/**
 * Applies every pending migration in one transaction, so a crash leaves the file at its old version. An existing log
 * is first copied aside (VACUUM INTO writes a consistent, compact copy), so even a migration bug cannot lose history.
 */
function migrate(db: Database, file: string, backupDir: string | null): void {
  const current = schemaVersion(db);
  refuseFuture(current, file);
  if (current === LATEST_SCHEMA_VERSION) return;
  if (backupDir !== null && current > 0) {
    const copy = preMigrationBackupFile(backupDir, current);
    ensurePrivateDir(path.dirname(copy));
    createPrivateFile(copy);
    db.prepare('VACUUM INTO ?').run(copy);
  }
  db.transaction(() => {
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
