import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CoreError } from '../core-error';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Database = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /**
   * Path to a better-sqlite3 addon built for the running ABI. The Electron main passes its Electron-ABI build here;
   * Node (tests, browser host) leaves it unset and gets the build from node_modules.
   */
  nativeBinding?: string;
}

export const DATABASE_FILE_NAME = 'twin-console.sqlite';

/**
 * Opens (creating if needed) the message log in `dataDir` and brings its schema up to date.
 *
 * synchronous=FULL: the console acks an agent message only after its transaction commits, and an ack is a promise
 * that the message survives a power cut, not just a process crash. Batched commits keep the fsync cost per batch.
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  let db: Database;
  try {
    db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
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
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof CoreError) throw error;
    throw new CoreError(
      'DATABASE_UNREADABLE',
      `The message log at ${file} could not be read (${(error as Error).message}). Move the file aside to start fresh; it is left untouched.`,
      { cause: error },
    );
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration in one transaction, so a crash leaves the file at its old version. */
function migrate(db: Database, file: string): void {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new CoreError(
      'DATABASE_FROM_FUTURE',
      `The message log at ${file} has schema version ${current}, but this Twin Console only knows up to ${LATEST_SCHEMA_VERSION}. ` +
        'It was written by a newer version: update Twin Console to open it. The file was not changed.',
    );
  }
  if (current === LATEST_SCHEMA_VERSION) return;
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(current)) {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
