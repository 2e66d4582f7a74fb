import { type FormEvent, useState } from 'react';
import type { ApiError } from '@shared/contract';
import { type Agent, type Room, roomConversationId } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { MessageBubble } from '../conversations/MessageBubble';
import { useConversation } from '../conversations/use-conversation';
import { collapsePosts } from './collapse-posts';
import './rooms.css';
import { useRooms, useRoomsStatus } from './use-rooms';
import { ViewState } from '../../ui/ViewState';
import { AgentChecklist } from '../../ui/AgentChecklist';
import { MentionTextarea, mentionHandle } from '../../ui/MentionTextarea';

/** Multi-agent rooms: create one from agents, post with @mentions to address some of them. */
export function RoomsView({ agents }: { agents: Agent[] }) {
  const rooms = useRooms();
  const roomsStatus = useRoomsStatus();
  const [openId, setOpenId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const open = rooms.find((r) => r.id === openId) ?? rooms[0] ?? null;

  const [invalid, setInvalid] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    // Say what is missing in words, before the core would refuse it.
    if (name.trim() === '') return setInvalid('Give the room a name.');
    if (members.size < 2) return setInvalid('Pick at least two agents for the room.');
    setInvalid(null);
    const result = await api.rooms.create({ name: name.trim(), memberIds: [...members] });
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
        <span className="muted">@mention agents to address them; a post without a mention goes to everyone</span>
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
            <input
              aria-label="Room name"
              placeholder="Room name"
              value={name}
              aria-invalid={invalid !== null && name.trim() === ''}
              aria-describedby="room-form-error"
              onChange={(e) => setName(e.target.value)}
            />
            <AgentChecklist className="room-members" agents={agents} selected={members} onChange={setMembers} />
            <p id="room-form-error" className="field-error" role="alert">
              {invalid}
            </p>
            <ErrorNotice error={error} onDismiss={() => setError(null)} />
            <button type="submit">Create room</button>
          </form>
        </aside>
        <ViewState
          what="rooms"
          loading={roomsStatus.loading}
          error={roomsStatus.error}
          empty={!open}
          emptyTitle="No room yet"
          emptyHint="Create one on the left: name it and pick its agents. In a room, @ mentions an agent by name and Enter posts."
        >
          {open && <RoomConversation key={open.id} room={open} agents={agents} />}
        </ViewState>
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

  async function post(event?: FormEvent) {
    event?.preventDefault();
    if (text.trim() === '') return;
    const result = await api.rooms.post({ roomId: room.id, text });
    if (!result.ok) return setSendError(result.error);
    setSendError(null);
    setText('');
  }

  return (
    <div className="room-conversation" aria-label={`Room ${room.name}`}>
      <p className="room-members-line">
        {members.map((m) => (
          <button
            key={m.id}
            type="button"
            className="mention-chip"
            aria-label={`Mention ${m.name}`}
            onClick={() => setText((t) => `${t}${t === '' || t.endsWith(' ') ? '' : ' '}@${mentionHandle(m.name)} `)}
          >
            @{m.name}
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
          <MentionTextarea
            label={`Message room ${room.name}`}
            placeholder="Message the room… (type @ to address someone; Enter posts, Shift+Enter adds a line)"
            value={text}
            onChange={setText}
            onSubmit={() => void post()}
            candidates={members}
          />
          <button type="submit" disabled={text.trim() === ''}>
            Post
          </button>
        </div>
      </form>
    </div>
  );
}
