import type { HistoryStats } from '../../../shared/history';
import type { Database } from './database';

/**
 * Summary counts for review. Everything is aggregated in SQL in a few index-backed passes; response times pair each
 * agent reply with the operator message it names in reply_to.
 */
export class StatsRepository {
  private readonly totalsStmt;
  private readonly perAgentStmt;
  private readonly responseStmt;
  private readonly perIntentStmt;

  constructor(db: Database) {
    this.totalsStmt = db.prepare<[], { total: number; conversations: number; first_at: number | null; last_at: number | null }>(
      `SELECT (SELECT count(*) FROM messages) AS total, (SELECT count(*) FROM conversations) AS conversations,
         (SELECT created_at FROM messages ORDER BY rowid LIMIT 1) AS first_at,
         (SELECT created_at FROM messages ORDER BY rowid DESC LIMIT 1) AS last_at`,
    );
    this.perAgentStmt = db.prepare<[], { agent_id: string; name: string | null; messages: number; incoming: number }>(
      `SELECT m.agent_id, a.name, count(*) AS messages, sum(m.direction = 'in') AS incoming
       FROM messages m LEFT JOIN agents a ON a.id = m.agent_id GROUP BY m.agent_id ORDER BY messages DESC, m.agent_id`,
    );
    this.responseStmt = db.prepare<[], { agent_id: string; replies: number; avg_ms: number | null; max_ms: number | null }>(
      `SELECT r.agent_id, count(*) AS replies, avg(r.created_at - q.created_at) AS avg_ms, max(r.created_at - q.created_at) AS max_ms
       FROM messages r JOIN messages q ON q.id = r.reply_to
       WHERE r.reply_to IS NOT NULL AND r.direction = 'in' AND q.direction = 'out'
       GROUP BY r.agent_id`,
    );
    this.perIntentStmt = db.prepare<[], { intent: string; messages: number }>(
      'SELECT intent, count(*) AS messages FROM messages GROUP BY intent ORDER BY messages DESC, intent',
    );
  }

  summary(): HistoryStats {
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
