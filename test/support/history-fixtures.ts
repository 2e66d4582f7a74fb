import type { Database } from '../../src/main/core/store/database';
import { MessageRepository } from '../../src/main/core/store/message-repository';
import type { Message } from '../../src/shared/domain';

export interface SeedMessage extends Partial<Message> {
  id: string;
  text: string | null;
}

/** Logs messages the way the console does (through MessageRepository), filling what a test does not care about. */
export function logMessages(db: Database, messages: SeedMessage[], startAt = 1_700_000_000_000): Message[] {
  const repo = new MessageRepository(db);
  const logged: Message[] = [];
  db.transaction(() => {
    messages.forEach((m, i) => {
      const agentId = m.agentId ?? 'cmo-twin';
      const direction = m.direction ?? 'in';
      const message: Message = {
        conversationId: `direct:${agentId}`,
        agentId,
        direction,
        from: direction === 'in' ? agentId : 'operator',
        to: direction === 'in' ? 'operator' : agentId,
        intent: 'chat',
        data: null,
        priority: 'normal',
        replyTo: null,
        status: direction === 'in' ? 'received' : 'delivered',
        createdAt: startAt + i * 1000,
        ...m,
      };
      repo.insert({ ...message, seq: null }, `Chat with ${agentId}`, message.createdAt);
      logged.push(message);
    });
  })();
  return logged;
}

/** Adds an agent row as an agent's hello would. */
export function logAgent(db: Database, id: string, name: string, role = 'Twin', department = 'Marketing'): void {
  db.prepare(
    `INSERT INTO agents (id, name, role, department, capabilities, intents, first_seen_at) VALUES (?, ?, ?, ?, '[]', '["chat"]', 0)`,
  ).run(id, name, role, department);
}
