import type { Database } from './database';

/**
 * Moves logged messages from `search_backlog` into the FTS index (see migrations/006-search-backlog.ts for why the
 * index trails the log). Every search calls `catchUp()` first, so no search ever sees the index behind the log.
 */
export class SearchIndexer {
  private readonly indexStmt;
  private readonly clearStmt;
  private readonly countStmt;
  private readonly indexBatch;

  constructor(private readonly db: Database) {
    // Both statements pick the same oldest rows: they run in one transaction, so the backlog cannot change between.
    this.indexStmt = db.prepare<[number]>(
      `INSERT INTO messages_fts (rowid, text, intent, agent_name)
       SELECT rowid, text, intent, agent_name FROM message_search_source
       WHERE rowid IN (SELECT rowid FROM search_backlog ORDER BY rowid LIMIT ?)`,
    );
    this.clearStmt = db.prepare<[number]>(
      'DELETE FROM search_backlog WHERE rowid IN (SELECT rowid FROM search_backlog ORDER BY rowid LIMIT ?)',
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM search_backlog');
    this.indexBatch = db.transaction((limit: number) => {
      this.indexStmt.run(limit);
      return this.clearStmt.run(limit).changes;
    });
  }

  /** Indexes up to `limit` of the oldest backlogged messages in one transaction; returns how many. */
  indexSome(limit: number): number {
    return this.indexBatch(limit);
  }

  /** Indexes everything backlogged. */
  catchUp(): void {
    while (this.indexSome(5000) > 0) {
      // keep going until the backlog is empty
    }
  }

  backlog(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
