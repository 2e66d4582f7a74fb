import type { MessageWindow } from '../../../shared/history';
import type { Database } from './database';
import { MessageMarksRepository } from './message-marks-repository';
import { type RawConversation, type RawMessage, toConversation, toMessage } from './message-repository';

/**
 * Windows of one conversation for the virtualized view and for opening a search hit: the newest page, a page
 * before or after a message, or a message with context on both sides. Every read is a keyset walk on
 * (conversation_id, rowid), so a window 90,000 messages deep costs what the newest page costs. Messages come with
 * their link-layer marks (cancelled, awaiting or overdue reply, interrupted): this is the one read path for a
 * conversation, so what the UI shows after a reload is what it showed live.
 */
export class MessageWindowRepository {
  private readonly anchorStmt;
  private readonly olderStmt;
  private readonly newerStmt;
  private readonly newestStmt;
  private readonly conversationStmt;
  private readonly marks: MessageMarksRepository;

  constructor(db: Database) {
    this.marks = new MessageMarksRepository(db);
    this.anchorStmt = db.prepare<[string], { rowid: number; conversation_id: string }>(
      'SELECT rowid, conversation_id FROM messages WHERE id = ?',
    );
    this.olderStmt = db.prepare<[string, number, number], RawMessage>(
      'SELECT rowid, * FROM messages WHERE conversation_id = ? AND rowid < ? ORDER BY rowid DESC LIMIT ?',
    );
    this.newerStmt = db.prepare<[string, number, number], RawMessage>(
      'SELECT rowid, * FROM messages WHERE conversation_id = ? AND rowid > ? ORDER BY rowid ASC LIMIT ?',
    );
    this.newestStmt = db.prepare<[string, number], RawMessage>(
      'SELECT rowid, * FROM messages WHERE conversation_id = ? ORDER BY rowid DESC LIMIT ?',
    );
    this.conversationStmt = db.prepare<[string], RawConversation>('SELECT * FROM conversations WHERE id = ?');
  }

  /** The message `messageId` with up to `before` older and `after` newer messages of its conversation. */
  around(messageId: string, before: number, after: number): MessageWindow | undefined {
    const anchor = this.anchorStmt.get(messageId);
    if (!anchor) return undefined;
    const older = this.olderStmt.all(anchor.conversation_id, anchor.rowid, before + 1);
    const newer = this.newerStmt.all(anchor.conversation_id, anchor.rowid - 1, after + 2);
    return {
      conversation: this.conversation(anchor.conversation_id),
      messages: this.marks.attach([...older.slice(0, before).reverse(), ...newer.slice(0, after + 1)].map(toMessage)),
      hasOlder: older.length > before,
      hasNewer: newer.length > after + 1,
    };
  }

  /** The newest page, or the page just before or just after a message already shown. */
  range(
    conversationId: string,
    limit: number,
    cursor: { beforeId?: string; afterId?: string },
  ): MessageWindow | undefined {
    let rows: RawMessage[];
    let hasOlder: boolean;
    let hasNewer: boolean;
    if (cursor.afterId !== undefined) {
      const anchor = this.anchorStmt.get(cursor.afterId);
      if (!anchor || anchor.conversation_id !== conversationId) return undefined;
      const newer = this.newerStmt.all(conversationId, anchor.rowid, limit + 1);
      rows = newer.slice(0, limit);
      hasNewer = newer.length > limit;
      hasOlder = true;
    } else {
      let older: RawMessage[];
      if (cursor.beforeId !== undefined) {
        const anchor = this.anchorStmt.get(cursor.beforeId);
        if (!anchor || anchor.conversation_id !== conversationId) return undefined;
        older = this.olderStmt.all(conversationId, anchor.rowid, limit + 1);
        hasNewer = true;
      } else {
        older = this.newestStmt.all(conversationId, limit + 1);
        hasNewer = false;
      }
      rows = older.slice(0, limit).reverse();
      hasOlder = older.length > limit;
    }
    return { conversation: this.conversation(conversationId), messages: this.marks.attach(rows.map(toMessage)), hasOlder, hasNewer };
  }

  private conversation(id: string) {
    const row = this.conversationStmt.get(id);
    return row ? toConversation(row) : null;
  }
}
