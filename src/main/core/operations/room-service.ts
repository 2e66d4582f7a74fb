import { randomUUID } from 'node:crypto';
import { type Message, OPERATOR_ID, type Room, roomConversationId } from '../../../shared/domain';
import type { RoomContext } from '../../../shared/protocol';
import { CoreError } from '../core-error';
import type { AgentRepository } from '../store/agent-repository';
import type { Database } from '../store/database';
import type { MessageRepository } from '../store/message-repository';
import type { RoomRepository } from '../store/room-repository';
import { mentionedMembers } from './mentions';
import { newOutgoing, type OutgoingSender } from '../lib/outgoing-message';

const RECENT = 20;

/**
 * Rooms: several agents in one conversation (`room:<id>`). An operator post goes, as its own message, to each member
 * it @mentions (or to every member when it mentions none), with `data.room`: the members and the room's recent
 * history, so each agent answers in context. Agents reply in the room's conversation like in any other.
 */
export class RoomService {
  constructor(
    private readonly deps: {
      db: Database;
      repo: RoomRepository;
      agents: AgentRepository;
      messages: MessageRepository;
      outgoing: OutgoingSender;
      now: () => number;
      changed: (room: Room) => void;
    },
  ) {}

  list(): Room[] {
    return this.deps.repo.list();
  }

  create(name: string, memberIds: string[]): Room {
    const unique = [...new Set(memberIds)];
    const unknown = unique.filter((id) => !this.deps.agents.get(id));
    if (unknown.length > 0) throw new CoreError('NOT_FOUND', `Unknown agent(s): ${unknown.join(', ')}.`);
    const room: Room = { id: randomUUID(), name, memberIds: unique, createdAt: this.deps.now() };
    this.deps.repo.insert(room);
    this.deps.changed(room);
    return room;
  }

  post(roomId: string, text: string): Message[] {
    const room = this.deps.repo.get(roomId);
    if (!room) throw new CoreError('NOT_FOUND', `No room ${roomId}.`);
    const members = room.memberIds.flatMap((id) => {
      const agent = this.deps.agents.get(id);
      return agent ? [{ id: agent.id, name: agent.name, role: agent.role }] : [];
    });
    const mentioned = mentionedMembers(text, members);
    const recipients = mentioned.length > 0 ? members.filter((m) => mentioned.some((x) => x.id === m.id)) : members;
    const now = this.deps.now();
    const postId = randomUUID();
    const context: RoomContext = {
      id: room.id,
      name: room.name,
      members,
      post_id: postId,
      mentions: mentioned.map((m) => m.id),
      recent: this.recent(roomConversationId(room.id)),
    };
    const messages = recipients.map((member) =>
      newOutgoing(
        { agentId: member.id, conversationId: roomConversationId(room.id), conversationTitle: room.name, intent: 'chat', text, data: { room: context } },
        now,
      ),
    );
    this.deps.db.transaction(() => {
      for (const message of messages) this.deps.outgoing.log(message, room.name);
    })();
    return messages.map((message) => this.deps.outgoing.announceAndSend(message));
  }

  /** The room's last messages, one per operator post (a post is logged once per recipient). */
  private recent(conversationId: string): RoomContext['recent'] {
    const page = this.deps.messages.page(conversationId, RECENT * 4);
    const seenPosts = new Set<string>();
    const recent: RoomContext['recent'] = [];
    for (const m of page?.messages ?? []) {
      const postId = (m.data?.room as { post_id?: unknown } | undefined)?.post_id;
      if (m.direction === 'out' && typeof postId === 'string') {
        if (seenPosts.has(postId)) continue;
        seenPosts.add(postId);
      }
      recent.push({ from: m.direction === 'out' ? OPERATOR_ID : m.agentId, text: (m.text ?? '').slice(0, 4000), at: new Date(m.createdAt).toISOString() });
    }
    return recent.slice(-RECENT);
  }
}
