import type { BroadcastTarget } from '../../../shared/domain';
import type { Intent } from '../../../shared/protocol';
import type { Database } from './database';

export interface StoredBroadcast {
  id: string;
  target: BroadcastTarget;
  label: string;
  intent: Intent;
  text: string;
  createdAt: number;
}

export interface StoredRecipient {
  agentId: string;
  agentName: string;
  messageId: string;
  replyId: string | null;
}

interface RawBroadcast {
  id: string;
  target: string;
  label: string;
  intent: Intent;
  text: string;
  created_at: number;
}
const toBroadcast = (row: RawBroadcast): StoredBroadcast => ({
  id: row.id,
  target: JSON.parse(row.target) as BroadcastTarget,
  label: row.label,
  intent: row.intent,
  text: row.text,
  createdAt: row.created_at,
});

/** Broadcasts and who each went to. Each recipient's message lives in the log, in its own direct conversation. */
export class BroadcastRepository {
  private readonly insertStmt;
  private readonly insertRecipientStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly recipientsStmt;
  private readonly setReplyStmt;
  private readonly openStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare('INSERT INTO broadcasts (id, target, label, intent, text, created_at) VALUES (@id, @target, @label, @intent, @text, @createdAt)');
    this.insertRecipientStmt = db.prepare(
      'INSERT INTO broadcast_recipients (broadcast_id, agent_id, agent_name, message_id) VALUES (@broadcastId, @agentId, @agentName, @messageId)',
    );
    this.getStmt = db.prepare<[string], RawBroadcast>('SELECT * FROM broadcasts WHERE id = ?');
    this.listStmt = db.prepare<[number], RawBroadcast>('SELECT * FROM broadcasts ORDER BY created_at DESC LIMIT ?');
    this.recipientsStmt = db.prepare<[string], { agent_id: string; agent_name: string; message_id: string; reply_id: string | null }>(
      'SELECT agent_id, agent_name, message_id, reply_id FROM broadcast_recipients WHERE broadcast_id = ? ORDER BY agent_name',
    );
    this.setReplyStmt = db.prepare<[string, string], { broadcast_id: string }>(
      'UPDATE broadcast_recipients SET reply_id = ? WHERE message_id = ? AND reply_id IS NULL RETURNING broadcast_id',
    );
    this.openStmt = db.prepare<[], { message_id: string; broadcast_id: string }>(
      'SELECT message_id, broadcast_id FROM broadcast_recipients WHERE reply_id IS NULL',
    );
  }

  /** Call inside a transaction, with the recipients' messages. */
  insert(broadcast: StoredBroadcast, recipients: StoredRecipient[]): void {
    this.insertStmt.run({ ...broadcast, target: JSON.stringify(broadcast.target) });
    for (const r of recipients) this.insertRecipientStmt.run({ broadcastId: broadcast.id, agentId: r.agentId, agentName: r.agentName, messageId: r.messageId });
  }

  get(id: string): StoredBroadcast | undefined {
    const row = this.getStmt.get(id);
    return row && toBroadcast(row);
  }

  list(limit: number): StoredBroadcast[] {
    return this.listStmt.all(limit).map(toBroadcast);
  }

  recipients(broadcastId: string): StoredRecipient[] {
    return this.recipientsStmt.all(broadcastId).map((r) => ({ agentId: r.agent_id, agentName: r.agent_name, messageId: r.message_id, replyId: r.reply_id }));
  }

  /** Records the first reply to a recipient's message. Returns the broadcast id, or undefined if nothing changed. */
  setReply(messageId: string, replyId: string): string | undefined {
    return this.setReplyStmt.get(replyId, messageId)?.broadcast_id;
  }

  /** Recipient message ids still waiting for a reply, with their broadcast. */
  awaitingReply(): Map<string, string> {
    return new Map(this.openStmt.all().map((r) => [r.message_id, r.broadcast_id]));
  }
}
