import type { HistoryStats } from '../../../shared/history';
import type { Database } from './database';
import { SearchIndexer } from './search-indexer';

/**
 * Summary counts for review, read from aggregates kept incrementally by triggers (see migrations/008); response times
 * pair each agent reply with the operator message it names in reply_to.
 */
export class StatsRepository {
  private readonly totalsStmt;
  private readonly perAgentStmt;
  private readonly responseStmt;
  private readonly perIntentStmt;

  private readonly indexer: SearchIndexer | null;

  constructor(db: Database) {
    // As in search: a live log first adds what its backlog holds; a read-only one (reviewed) is taken as it is.
    this.indexer = db.readonly ? null : new SearchIndexer(db);
    // Every figure comes from the aggregates the log keeps (migrations/008) or from one index lookup: the summary costs
    // the same with ten messages or ten million.
    this.totalsStmt = db.prepare<[], { total: number; conversations: number; first_at: number | null; last_at: number | null }>(
      `SELECT (SELECT coalesce(sum(messages), 0) FROM message_counts) AS total, (SELECT count(*) FROM conversations) AS conversations,
         (SELECT created_at FROM messages ORDER BY rowid LIMIT 1) AS first_at,
         (SELECT created_at FROM messages ORDER BY rowid DESC LIMIT 1) AS last_at`,
    );
    this.perAgentStmt = db.prepare<[], { agent_id: string; name: string | null; messages: number; incoming: number }>(
      `SELECT c.agent_id, a.name, sum(c.messages) AS messages, sum(CASE WHEN c.direction = 'in' THEN c.messages ELSE 0 END) AS incoming
       FROM message_counts c LEFT JOIN agents a ON a.id = c.agent_id GROUP BY c.agent_id ORDER BY messages DESC, c.agent_id`,
    );
    this.responseStmt = db.prepare<[], { agent_id: string; replies: number; avg_ms: number | null; max_ms: number | null }>(
      'SELECT agent_id, replies, CAST(total_ms AS REAL) / replies AS avg_ms, max_ms FROM reply_times WHERE replies > 0',
    );
    this.perIntentStmt = db.prepare<[], { intent: string; messages: number }>(
      'SELECT intent, sum(messages) AS messages FROM message_counts GROUP BY intent ORDER BY messages DESC, intent',
    );
  }

  summary(): HistoryStats {
    this.indexer?.catchUp();
    const totals = this.totalsStmt.get()!;
    const responses = new Map(this.responseStmt.all().map((r) => [r.agent_id, r]));
    return {
      totalMessages: totals.total,
      conversations: totals.conversations,
      firstAt: totals.first_at,
      lastAt: totals.last_at,
      agents: this.perAgentStmt.all().map((row) => {
        const response = responses.get(row.agent_id);
        return {
          agentId: row.agent_id,
          name: row.name,
          messages: row.messages,
          incoming: row.incoming,
          outgoing: row.messages - row.incoming,
          replies: response?.replies ?? 0,
          avgResponseMs: response?.avg_ms === null || response === undefined ? null : Math.round(response.avg_ms),
          maxResponseMs: response?.max_ms ?? null,
        };
      }),
      intents: this.perIntentStmt.all(),
    };
  }
}
