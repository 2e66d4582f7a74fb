import { type FormEvent, useState } from 'react';
import type { ApiError } from '@shared/contract';
import { type Agent, type Room, roomConversationId } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { MessageBubble } from '../conversations/MessageBubble';
import { useConversation } from '../conversations/use-conversation';
import { collapsePosts } from './collapse-posts';
import './rooms.css';
import { useRooms } from './use-rooms';
import { AgentChecklist } from '../../ui/AgentChecklist';

/** Multi-agent rooms: create one from agents, post with @mentions to address some of them. */
export function RoomsView({ agents }: { agents: Agent[] }) {
  const rooms = useRooms();
  const [openId, setOpenId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const open = rooms.find((r) => r.id === openId) ?? rooms[0] ?? null;

  async function create(event: FormEvent) {
    event.preventDefault();
    const result = await api.rooms.create({ name, memberIds: [...members] });
    if (!result.ok) return setError(result.error);
    setError(null);
    setName('');
    setMembers(new Set());
    setOpenId(result.value.id);
  }

  return (
    <section className="rooms" aria-label="Rooms">
      <header className="alerts-toolbar">
        <h2>Rooms</h2>
        <span className="muted">@mention agents to address them; no mention goes to everyone</span>
      </header>
      <div className="rooms-body">
        <aside className="rooms-side">
          <ul className="room-list">
            {rooms.map((r) => (
              <li key={r.id}>
                <button type="button" className={r.id === open?.id ? 'selected' : ''} onClick={() => setOpenId(r.id)}>
                  # {r.name} <span className="muted">{r.memberIds.length}</span>
                </button>
              </li>
            ))}
          </ul>
          <form className="room-form" onSubmit={create}>
            <h3>New room</h3>
            <input aria-label="Room name" placeholder="Room name" value={name} onChange={(e) => setName(e.target.value)} />
            <AgentChecklist className="room-members" agents={agents} selected={members} onChange={setMembers} />
            <ErrorNotice error={error} onDismiss={() => setError(null)} />
            <button type="submit">Create room</button>
          </form>
        </aside>
        {open ? <RoomConversation key={open.id} room={open} agents={agents} /> : <p className="muted empty">No room yet.</p>}
      </div>
    </section>
  );
}

function RoomConversation({ room, agents }: { room: Room; agents: Agent[] }) {
  const { messages, error } = useConversation(roomConversationId(room.id));
  const [text, setText] = useState('');
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const members = room.memberIds.map((id) => ({ id, name: names.get(id) ?? id }));

  async function post(event: FormEvent) {
    event.preventDefault();
    const result = await api.rooms.post({ roomId: room.id, text });
    if (!result.ok) return setSendError(result.error);
    setSendError(null);
    setText('');
  }

  return (
    <div className="room-conversation" aria-label={`Room ${room.name}`}>
      <p className="room-members-line">
        {members.map((m) => (
          <button key={m.id} type="button" className="mention-chip" onClick={() => setText((t) => `${t}@${m.id} `)}>
            @{m.id}
          </button>
        ))}
      </p>
      <ErrorNotice error={error} />
      <div className="message-list">
        {messages.length === 0 && <p className="muted empty">Say something to the room.</p>}
        {collapsePosts(messages).map(({ message, to }) => (
          <div key={message.id} className={`room-entry ${message.direction === 'out' ? 'outgoing' : 'incoming'}`}>
            <MessageBubble message={message} agentName={names.get(message.agentId) ?? message.agentId} />
            {to.length > 0 && <span className="muted room-to">to {to.map((id) => names.get(id) ?? id).join(', ')}</span>}
          </div>
        ))}
      </div>
      <form className="composer" onSubmit={post}>
        <ErrorNotice error={sendError} onDismiss={() => setSendError(null)} />
        <div className="composer-row">
          <textarea aria-label={`Message room ${room.name}`} placeholder="Message the room… (@id to address)" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" disabled={text.trim() === ''}>
            Post
          </button>
        </div>
      </form>
    </div>
  );
}
