import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { SalvageResult } from '../../../shared/history';
import { ensurePrivateDir, openPrivateFile } from '../store/private-files';

const STEP = 500;

/**
 * Reads whatever messages a damaged log still yields into a JSON Lines file, without writing to the log. It walks
 * rowids in batches; a batch that hits a damaged page is retried row by row, so one bad page costs the rows on it,
 * not the rest of the history.
 */
export function salvageMessages(file: string, outDir: string, at: number, nativeBinding?: string): SalvageResult {
  ensurePrivateDir(outDir);
  const out = path.join(outDir, `recovered-messages.${new Date(at).toISOString().replace(/[:.]/g, '-')}.jsonl`);
  const fd = openPrivateFile(out);
  let messages = 0;
  let unreadable = 0;
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const maxRowid = highestRowid(db);
    const batch = db.prepare('SELECT rowid, * FROM messages WHERE rowid > ? AND rowid <= ? ORDER BY rowid');
    const one = db.prepare('SELECT rowid, * FROM messages WHERE rowid = ?');
    for (let low = 0; low < maxRowid; low += STEP) {
      let rows: unknown[];
      try {
        rows = batch.all(low, low + STEP);
      } catch {
        rows = [];
        for (let rowid = low + 1; rowid <= low + STEP; rowid++) {
          try {
            const row = one.get(rowid);
            if (row) rows.push(row);
          } catch {
            unreadable++;
          }
        }
      }
      if (rows.length > 0) fs.writeSync(fd, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
      messages += rows.length;
    }
  } catch {
    // Not even the table's bounds can be read: what was written so far is all there is.
  } finally {
    db?.close();
    fs.closeSync(fd);
  }
  return { file: out, messages, unreadable };
}

/** The highest rowid, from the table if it can be read, else from AUTOINCREMENT's own record of it. */
function highestRowid(db: BetterSqlite3.Database): number {
  for (const sql of [
    'SELECT max(rowid) AS n FROM messages',
    "SELECT seq AS n FROM sqlite_sequence WHERE name = 'messages'",
  ]) {
    try {
      const row = db.prepare(sql).get() as { n: number | null } | undefined;
      if (row?.n) return row.n;
    } catch {
      // Try the next source of the bound.
    }
  }
  return 0;
}
