import type { Database } from './database';

/**
 * Moves logged messages from `search_backlog` into the FTS index and the stats aggregates (see
 * migrations/006-search-backlog.ts for why the index trails the log, and 008 for the aggregates). Every search and
 * every stats summary calls `catchUp()` first, so neither ever sees the log's newest messages missing.
 */
export class SearchIndexer {
  private readonly indexStmt;
  private readonly aggregateStmt;
  private readonly replyStmt;
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
    // The stats aggregates (migrations/008) take the same batch, set-based: a few µs a message, off the ack path.
    this.aggregateStmt = db.prepare<[number]>(
      `INSERT INTO message_counts (agent_id, intent, direction, messages)
       SELECT agent_id, intent, direction, count(*) FROM messages
       WHERE rowid IN (SELECT rowid FROM search_backlog ORDER BY rowid LIMIT ?)
       GROUP BY agent_id, intent, direction
       ON CONFLICT DO UPDATE SET messages = messages + excluded.messages`,
    );
    this.replyStmt = db.prepare<[number]>(
      `INSERT INTO reply_times (agent_id, replies, total_ms, max_ms)
       SELECT r.agent_id, count(*), sum(r.created_at - q.created_at), max(r.created_at - q.created_at)
       FROM messages r JOIN messages q ON q.id = r.reply_to
       WHERE r.rowid IN (SELECT rowid FROM search_backlog ORDER BY rowid LIMIT ?)
         AND r.reply_to IS NOT NULL AND r.direction = 'in' AND q.direction = 'out'
       GROUP BY r.agent_id
       ON CONFLICT DO UPDATE SET replies = replies + excluded.replies, total_ms = total_ms + excluded.total_ms,
         max_ms = max(coalesce(max_ms, excluded.max_ms), excluded.max_ms)`,
    );
    this.clearStmt = db.prepare<[number]>(
      'DELETE FROM search_backlog WHERE rowid IN (SELECT rowid FROM search_backlog ORDER BY rowid LIMIT ?)',
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM search_backlog');
    this.indexBatch = db.transaction((limit: number) => {
      this.indexStmt.run(limit);
      this.aggregateStmt.run(limit);
      this.replyStmt.run(limit);
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
