import { type FormEvent, useMemo, useState } from 'react';
import type { ApiError } from '@shared/contract';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { MentionTextarea } from '../../ui/MentionTextarea';
import { useAgents } from '../agents/use-agents';

interface ComposerProps {
  agentId: string;
  agentName: string;
  conversationId: string;
  /** After the console logged the message: the view scrolls to it. */
  onSent?: () => void;
}

/**
 * Enter sends, Shift+Enter adds a line, and `@` offers the agents by name, as in a room (the text goes as typed: the
 * wire protocol has no mention field). The text stays in the box until the console has logged the message.
 */
export function Composer({ agentId, agentName, conversationId, onSent }: ComposerProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { agents } = useAgents();
  const candidates = useMemo(() => agents.map((a) => ({ id: a.id, name: a.name })), [agents]);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (text.trim() === '' || sending) return;
    setSending(true);
    const result = await api.messages.send({ agentId, conversationId, text });
    setSending(false);
    if (result.ok) {
      setText('');
      setError(null);
      onSent?.();
    } else setError(result.error);
  }

  return (
    <form className="composer" onSubmit={send}>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <div className="composer-row">
        <MentionTextarea
          role="textbox"
          label={`Message ${agentName}`}
          placeholder={`Message ${agentName}…`}
          value={text}
          onChange={setText}
          onSubmit={() => void send()}
          candidates={candidates}
        />
        <button type="submit" disabled={sending || text.trim() === ''}>
          Send
        </button>
      </div>
    </form>
  );
}
