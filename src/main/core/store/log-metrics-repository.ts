import { directConversationId } from '../../../shared/domain';
import type { Database } from './database';

export interface RequestOutcome {
  intent: string;
  requestedAt: number;
  /** The first reply's time, or null. */
  repliedAt: number | null;
  timedOut: boolean;
}

/** How far back the metrics read, in messages of the agent's direct conversation. */
const WINDOW = 20_000;

/**
 * Reads what the per-agent metrics are computed from: the operator's requests in the agent's direct conversation
 * (which also holds its broadcasts) and the first reply to each (`reply_to`). One walk down the conversation index,
 * newest first, bounded: never the whole log.
 */
export class LogMetricsRepository {
  private readonly recentStmt;

  constructor(db: Database) {
    this.recentStmt = db.prepare<
      [string, number],
      { id: string; direction: 'in' | 'out'; intent: string; reply_to: string | null; created_at: number; timed_out_at: number | null; cancelled_at: number | null }
    >(
      `SELECT m.id, m.direction, m.intent, m.reply_to, m.created_at, marks.timed_out_at, marks.cancelled_at
       FROM messages m LEFT JOIN message_marks marks ON marks.message_id = m.id
       WHERE m.conversation_id = ? ORDER BY m.rowid DESC LIMIT ?`,
    );
  }

  /** The operator's requests to an agent among its conversation's latest messages, with their outcome. */
  outcomes(agentId: string, since: number): RequestOutcome[] {
    const rows = this.recentStmt.all(directConversationId(agentId), WINDOW);
    const requests = new Map<string, RequestOutcome>();
    // Oldest first, so a reply is always seen after its request.
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      if (row.direction === 'out') {
        if (row.cancelled_at === null && row.created_at >= since) {
          requests.set(row.id, { intent: row.intent, requestedAt: row.created_at, repliedAt: null, timedOut: row.timed_out_at !== null });
        }
        continue;
      }
      const request = row.reply_to === null ? undefined : requests.get(row.reply_to);
      if (request && request.repliedAt === null) request.repliedAt = row.created_at;
    }
    return [...requests.values()];
  }
}
