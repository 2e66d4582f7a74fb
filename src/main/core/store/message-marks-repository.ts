import type BetterSqlite3 from 'better-sqlite3';
import type { Message, MessageMarks } from '../../../shared/domain';
import type { Database } from './database';

interface RawMarks {
  message_id: string;
  cancelled_at: number | null;
  reply_due_at: number | null;
  replied_at: number | null;
  timed_out_at: number | null;
  interrupted: number;
  maybe_duplicate: number;
  task_id: string | null;
  task_state: string | null;
}

const toMarks = (row: RawMarks): MessageMarks => ({
  cancelledAt: row.cancelled_at,
  replyDueAt: row.reply_due_at,
  repliedAt: row.replied_at,
  timedOutAt: row.timed_out_at,
  interrupted: row.interrupted === 1,
  ...(row.maybe_duplicate === 1 ? { maybeDuplicate: true } : {}),
  ...(row.task_id !== null ? { task: { id: row.task_id, state: row.task_state ?? 'unknown' } } : {}),
});

type MarkColumn = 'cancelled_at' | 'reply_due_at' | 'replied_at' | 'timed_out_at' | 'interrupted' | 'maybe_duplicate';

/** Link-layer marks on messages (cancelled, reply deadline and outcome, interrupted stream). */
export class MessageMarksRepository {
  private readonly getStmt;
  private readonly manyStmt;
  private readonly setStmts: Record<MarkColumn, BetterSqlite3.Statement<[string, number]>>;
  private readonly awaitingStmt;
  private readonly cancelledStmt;
  private readonly completeStreamStmt;
  private readonly taskStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare<[string], RawMarks>('SELECT * FROM message_marks WHERE message_id = ?');
    this.manyStmt = db.prepare<[string], RawMarks>(
      'SELECT * FROM message_marks WHERE message_id IN (SELECT value FROM json_each(?))',
    );
    const set = (column: MarkColumn) =>
      db.prepare<[string, number]>(
        `INSERT INTO message_marks (message_id, ${column}) VALUES (?, ?)
         ON CONFLICT (message_id) DO UPDATE SET ${column} = excluded.${column}`,
      );
    this.setStmts = {
      cancelled_at: set('cancelled_at'),
      reply_due_at: set('reply_due_at'),
      replied_at: set('replied_at'),
      timed_out_at: set('timed_out_at'),
      interrupted: set('interrupted'),
      maybe_duplicate: set('maybe_duplicate'),
    };
    this.taskStmt = db.prepare<[string, string, string]>(
      `INSERT INTO message_marks (message_id, task_id, task_state) VALUES (?, ?, ?)
       ON CONFLICT (message_id) DO UPDATE SET task_id = excluded.task_id, task_state = excluded.task_state`,
    );
    this.awaitingStmt = db.prepare<[], { message_id: string; reply_due_at: number }>(
      `SELECT message_id, reply_due_at FROM message_marks
       WHERE reply_due_at IS NOT NULL AND replied_at IS NULL AND timed_out_at IS NULL`,
    );
    this.cancelledStmt = db.prepare<[string], { id: string }>(
      `SELECT m.id FROM messages m JOIN message_marks k ON k.message_id = m.id
       WHERE m.agent_id = ? AND m.direction = 'out' AND m.status IN ('queued', 'sent') AND k.cancelled_at IS NOT NULL`,
    );
    this.completeStreamStmt = db.prepare<[string | null, string | null, string | null, number | null, string]>(
      'UPDATE messages SET text = ?, data = ?, reply_to = ?, seq = ? WHERE id = ?',
    );
  }

  get(messageId: string): MessageMarks | undefined {
    const row = this.getStmt.get(messageId);
    return row && toMarks(row);
  }

  many(messageIds: string[]): Map<string, MessageMarks> {
    if (messageIds.length === 0) return new Map();
    return new Map(this.manyStmt.all(JSON.stringify(messageIds)).map((row) => [row.message_id, toMarks(row)]));
  }

  /** The messages with their marks added (those that have any). */
  attach(messages: Message[]): Message[] {
    const marks = this.many(messages.map((m) => m.id));
    if (marks.size === 0) return messages;
    return messages.map((m) => {
      const mark = marks.get(m.id);
      return mark ? { ...m, marks: mark } : m;
    });
  }

  set(messageId: string, column: MarkColumn, value: number): void {
    this.setStmts[column].run(messageId, value);
  }

  /** The agent task a request started, and its state now. The request must be in the log. */
  setTask(messageId: string, taskId: string, state: string): void {
    this.taskStmt.run(messageId, taskId, state);
  }

  /** Operator requests still waiting for a reply, to re-arm their deadlines after a restart. */
  awaitingReply(): { messageId: string; dueAt: number }[] {
    return this.awaitingStmt.all().map((row) => ({ messageId: row.message_id, dueAt: row.reply_due_at }));
  }

  /** Ids of this agent's cancelled messages that the outbox query still returns (status queued). */
  cancelledIds(agentId: string): Set<string> {
    return new Set(this.cancelledStmt.all(agentId).map((row) => row.id));
  }

  /** The final `message` of a stream that was interrupted earlier: the row gets the full content. */
  completeStream(id: string, text: string | null, data: string | null, replyTo: string | null, seq: number | null): void {
    this.completeStreamStmt.run(text, data, replyTo, seq, id);
    this.setStmts.interrupted.run(id, 0);
  }
}
