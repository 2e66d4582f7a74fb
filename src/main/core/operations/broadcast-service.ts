import { randomUUID } from 'node:crypto';
import { type Broadcast, type BroadcastRecipient, type BroadcastTarget, directConversationId, type Message } from '../../../shared/domain';
import type { Intent } from '../../../shared/protocol';
import { CoreError } from '../core-error';
import type { AgentRepository, AgentRow } from '../store/agent-repository';
import type { BroadcastRepository, StoredBroadcast } from '../store/broadcast-repository';
import type { Database } from '../store/database';
import type { MessageRepository } from '../store/message-repository';
import { newOutgoing, type OutgoingSender } from '../lib/outgoing-message';

/** How long recipient changes are gathered before one `broadcast:changed` goes out: 200 acks make one event, not 200. */
const COALESCE_MS = 50;

/**
 * One operator message fanned out to a department, a role or a selection. Each recipient gets its own message in
 * its direct conversation (so it is delivered, resent and deduped like any other); the broadcast keeps who got which
 * message, and gathers each recipient's first reply (`reply_to`).
 */
export class BroadcastService {
  /** Recipient message id -> broadcast id, for messages still waiting for a reply. */
  private readonly open: Map<string, string>;
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      db: Database;
      repo: BroadcastRepository;
      agents: AgentRepository;
      messages: MessageRepository;
      outgoing: OutgoingSender;
      now: () => number;
      changed: (broadcast: Broadcast) => void;
    },
  ) {
    this.open = deps.repo.awaitingReply();
  }

  send(target: BroadcastTarget, text: string, intent: Intent): Broadcast {
    const recipients = this.resolve(target);
    if (recipients.length === 0) throw new CoreError('NOT_FOUND', `No known agent matches ${this.label(target, 0)}.`);
    const now = this.deps.now();
    const stored: StoredBroadcast = { id: randomUUID(), target, label: this.label(target, recipients.length), intent, text, createdAt: now };
    const messages = recipients.map((agent) => ({
      agent,
      message: newOutgoing(
        { agentId: agent.id, conversationId: directConversationId(agent.id), conversationTitle: agent.name, intent, text, data: { broadcast_id: stored.id } },
        now,
      ),
    }));
    // One transaction for the broadcast and all its messages: one fsync for 200 recipients.
    this.deps.db.transaction(() => {
      for (const { agent, message } of messages) this.deps.outgoing.log(message, agent.name);
      this.deps.repo.insert(
        stored,
        messages.map(({ agent, message }) => ({ agentId: agent.id, agentName: agent.name, messageId: message.id, replyId: null })),
      );
    })();
    for (const { message } of messages) this.open.set(message.id, stored.id);
    for (const { message } of messages) this.deps.outgoing.announceAndSend(message);
    return this.toBroadcast(stored);
  }

  list(limit: number): Broadcast[] {
    return this.deps.repo.list(limit).map((b) => this.toBroadcast(b));
  }

  /** Follows recipients' delivery (their message changed) and replies (a message whose reply_to is theirs). */
  onMessage(message: Message): void {
    if (message.direction === 'out') {
      const broadcastId = this.open.get(message.id);
      if (broadcastId) this.markDirty(broadcastId);
      return;
    }
    if (message.replyTo === null || !this.open.has(message.replyTo)) return;
    this.open.delete(message.replyTo);
    const broadcastId = this.deps.repo.setReply(message.replyTo, message.id);
    if (broadcastId) this.markDirty(broadcastId);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private markDirty(broadcastId: string): void {
    this.dirty.add(broadcastId);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const ids = [...this.dirty];
      this.dirty.clear();
      for (const id of ids) {
        const stored = this.deps.repo.get(id);
        if (stored) this.deps.changed(this.toBroadcast(stored));
      }
    }, COALESCE_MS);
    this.timer.unref();
  }

  private resolve(target: BroadcastTarget): AgentRow[] {
    const all = this.deps.agents.list();
    switch (target.kind) {
      case 'department':
        return all.filter((a) => a.department === target.department);
      case 'role':
        return all.filter((a) => a.role === target.role);
      case 'selection': {
        const wanted = new Set(target.agentIds);
        return all.filter((a) => wanted.has(a.id));
      }
    }
  }

  private label(target: BroadcastTarget, count: number): string {
    switch (target.kind) {
      case 'department':
        return `department ${target.department}`;
      case 'role':
        return `role ${target.role}`;
      case 'selection':
        return `${count || target.agentIds.length} selected agents`;
    }
  }

  private toBroadcast(stored: StoredBroadcast): Broadcast {
    const recipients: BroadcastRecipient[] = this.deps.repo.recipients(stored.id).map((r) => {
      const message = this.deps.messages.get(r.messageId);
      const reply = r.replyId === null ? undefined : this.deps.messages.get(r.replyId);
      const state: BroadcastRecipient['state'] = reply
        ? 'replied'
        : message?.status === 'delivered'
          ? 'acked'
          : message?.status === 'sent'
            ? 'delivered'
            : 'queued';
      return {
        agentId: r.agentId,
        agentName: r.agentName,
        messageId: r.messageId,
        state,
        reply: reply ? { id: reply.id, text: reply.text, data: reply.data, at: reply.createdAt } : null,
      };
    });
    return { ...stored, recipients };
  }
}
