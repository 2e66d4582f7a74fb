import type { Conversation, Message, MessagePage, MessageStatus } from '../../../shared/domain';
import type { Intent, Priority } from '../../../shared/protocol';
import type { Database } from './database';

export interface RawMessage {
  rowid: number;
  id: string;
  conversation_id: string;
  agent_id: string;
  direction: 'in' | 'out';
  sender: string;
  recipient: string;
  intent: Intent;
  text: string | null;
  data: string | null;
  priority: Priority;
  reply_to: string | null;
  status: MessageStatus;
  created_at: number;
}

export interface RawConversation {
  id: string;
  agent_id: string;
  title: string;
  created_at: number;
  last_message_at: number;
}

export const toMessage = (row: RawMessage): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  agentId: row.agent_id,
  direction: row.direction,
  from: row.sender,
  to: row.recipient,
  intent: row.intent,
  text: row.text,
  data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
  priority: row.priority,
  replyTo: row.reply_to,
  status: row.status,
  createdAt: row.created_at,
});

export const toConversation = (row: RawConversation): Conversation => ({
  id: row.id,
  agentId: row.agent_id,
  title: row.title,
  createdAt: row.created_at,
  lastMessageAt: row.last_message_at,
});

/** A message about to enter the log. `seq` is the agent's resume counter (incoming only). */
export interface NewMessage extends Message {
  seq: number | null;
}

/**
 * Messages and the conversations that hold them. Reads page by rowid (the log order) so a page costs the same at
 * the top of a 100,000-message conversation as at its bottom.
 */
export class MessageRepository {
  private readonly insertStmt;
  private readonly insertRowStmt;
  private readonly ensureConversationStmt;
  private readonly bumpConversationStmt;
  private readonly getStmt;
  private readonly rowidStmt;
  private readonly pageStmt;
  private readonly pageBeforeStmt;
  private readonly setStatusStmt;
  private readonly outboxStmt;
  private readonly conversationsStmt;
  private readonly conversationsByAgentStmt;
  private readonly conversationStmt;
  private readonly recentIncomingStmt;
  /**
   * Conversations known to be in the log, so the ingest path skips an INSERT OR IGNORE per message. Conversations
   * are never deleted; a rolled-back batch may leave ids here that are not in the log, so the ingest path calls
   * forgetKnownConversations() when a commit fails.
   */
  private readonly knownConversations = new Set<string>();

  constructor(db: Database) {
    // OR IGNORE: a message id is logged once. A resent or duplicated frame is a no-op, which is the dedupe.
    this.insertStmt = db.prepare(
      `INSERT OR IGNORE INTO messages (id, conversation_id, agent_id, direction, sender, recipient, intent, text, data,
         priority, seq, reply_to, status, created_at, logged_at)
       VALUES (@id, @conversationId, @agentId, @direction, @from, @to, @intent, @text, @data,
         @priority, @seq, @replyTo, @status, @createdAt, @loggedAt)`,
    );
    // The same statement with positional parameters: no object to build per message on the ingest path.
    this.insertRowStmt = db.prepare<
      [string, string, string, string, string, string, string, string | null, string | null, string, number | null, string | null, string, number, number]
    >(
      `INSERT OR IGNORE INTO messages (id, conversation_id, agent_id, direction, sender, recipient, intent, text, data,
         priority, seq, reply_to, status, created_at, logged_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.ensureConversationStmt = db.prepare<[string, string, string, number, number]>(
      'INSERT OR IGNORE INTO conversations (id, agent_id, title, created_at, last_message_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.bumpConversationStmt = db.prepare<[number, string]>(
      'UPDATE conversations SET last_message_at = MAX(last_message_at, ?) WHERE id = ?',
    );
    this.getStmt = db.prepare<[string], RawMessage>('SELECT rowid, * FROM messages WHERE id = ?');
    this.rowidStmt = db.prepare<[string], { rowid: number }>('SELECT rowid FROM messages WHERE id = ?');
    this.pageStmt = db.prepare<[string, number], RawMessage>(
      'SELECT rowid, * FROM messages WHERE conversation_id = ? ORDER BY rowid DESC LIMIT ?',
    );
    this.pageBeforeStmt = db.prepare<[string, number, number], RawMessage>(
      'SELECT rowid, * FROM messages WHERE conversation_id = ? AND rowid < ? ORDER BY rowid DESC LIMIT ?',
    );
    this.setStatusStmt = db.prepare<[MessageStatus, string]>('UPDATE messages SET status = ? WHERE id = ?');
    this.outboxStmt = db.prepare<[string], RawMessage>(
      `SELECT rowid, * FROM messages WHERE agent_id = ? AND direction = 'out' AND status IN ('queued', 'sent')
       ORDER BY rowid`,
    );
    this.conversationsStmt = db.prepare<[], RawConversation>(
      'SELECT * FROM conversations ORDER BY last_message_at DESC, id LIMIT 1000',
    );
    this.conversationsByAgentStmt = db.prepare<[string], RawConversation>(
      'SELECT * FROM conversations WHERE agent_id = ? ORDER BY last_message_at DESC, id LIMIT 1000',
    );
    this.conversationStmt = db.prepare<[string], RawConversation>('SELECT * FROM conversations WHERE id = ?');
    // Walks the rowid key backwards from the newest row, over a bounded window, and stops at the LIMIT: a burst of the
    // operator's own messages can hide older agent messages, but never turns this into a scan of the whole log.
    this.recentIncomingStmt = db.prepare<[number, number], RawMessage>(
      `SELECT rowid, * FROM messages
       WHERE rowid > (SELECT MAX(rowid) FROM messages) - ? AND direction = 'in'
       ORDER BY rowid DESC LIMIT ?`,
    );
  }

  /** Logs a message, creating its conversation on first use. Returns false if the id was already logged. */
  insert(message: NewMessage, conversationTitle: string, loggedAt: number): boolean {
    this.ensureConversationStmt.run(
      message.conversationId,
      message.agentId,
      conversationTitle,
      message.createdAt,
      message.createdAt,
    );
    const inserted =
      this.insertStmt.run({
        ...message,
        data: message.data === null ? null : JSON.stringify(message.data),
        loggedAt,
      }).changes > 0;
    if (inserted) this.bumpConversationStmt.run(message.createdAt, message.conversationId);
    return inserted;
  }

  /**
   * Logs a batch of messages; call inside the batch's transaction. Returns, per message, whether it was new (false:
   * its id was already logged). Each conversation is created at most once and its last_message_at bumped once per
   * batch, so a message costs one INSERT.
   */
  insertBatch(
    messages: readonly Message[],
    seqs: readonly (number | null)[],
    conversationTitle: (message: Message) => string,
    loggedAt: number,
  ): boolean[] {
    const inserted: boolean[] = new Array<boolean>(messages.length);
    const latest = new Map<string, number>();
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i]!;
      if (!this.knownConversations.has(m.conversationId)) {
        // Created with this message's time, so a new conversation needs no bump for it.
        this.ensureConversationStmt.run(m.conversationId, m.agentId, conversationTitle(m), m.createdAt, m.createdAt);
        this.knownConversations.add(m.conversationId);
      }
      const ok =
        this.insertRowStmt.run(
          m.id,
          m.conversationId,
          m.agentId,
          m.direction,
          m.from,
          m.to,
          m.intent,
          m.text,
          m.data === null ? null : JSON.stringify(m.data),
          m.priority,
          seqs[i] ?? null,
          m.replyTo,
          m.status,
          m.createdAt,
          loggedAt,
        ).changes > 0;
      inserted[i] = ok;
      if (ok && !(m.createdAt <= (latest.get(m.conversationId) ?? Number.NEGATIVE_INFINITY))) latest.set(m.conversationId, m.createdAt);
    }
    for (const [conversationId, at] of latest) this.bumpConversationStmt.run(at, conversationId);
    return inserted;
  }

  /** After a rolled-back batch: conversations it created may not be in the log after all. */
  forgetKnownConversations(): void {
    this.knownConversations.clear();
  }

  get(id: string): Message | undefined {
    const row = this.getStmt.get(id);
    return row && toMessage(row);
  }

  setStatus(id: string, status: MessageStatus): boolean {
    return this.setStatusStmt.run(status, id).changes > 0;
  }

  /** Newest `limit` messages before `beforeId` (or the newest overall), returned oldest first. */
  page(conversationId: string, limit: number, beforeId?: string): MessagePage | undefined {
    let rows: RawMessage[];
    if (beforeId === undefined) {
      rows = this.pageStmt.all(conversationId, limit + 1);
    } else {
      const cursor = this.rowidStmt.get(beforeId);
      if (!cursor) return undefined;
      rows = this.pageBeforeStmt.all(conversationId, cursor.rowid, limit + 1);
    }
    const hasOlder = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasOlder };
  }

  /** Outgoing messages the agent has not acked yet, in the order the operator wrote them. */
  outbox(agentId: string): Message[] {
    return this.outboxStmt.all(agentId).map(toMessage);
  }

  /** The newest `limit` agent messages across all conversations, newest first, looking back at most `window` rows. */
  recentIncoming(limit: number, window = 500): Message[] {
    return this.recentIncomingStmt.all(window, limit).map(toMessage);
  }

  conversations(agentId?: string): Conversation[] {
    const rows = agentId === undefined ? this.conversationsStmt.all() : this.conversationsByAgentStmt.all(agentId);
    return rows.map(toConversation);
  }

  conversation(id: string): Conversation | undefined {
    const row = this.conversationStmt.get(id);
    return row && toConversation(row);
  }
}
