import { type FormEvent, type KeyboardEvent, useState } from 'react';
import type { ApiError } from '@shared/contract';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

interface ComposerProps {
  agentId: string;
  agentName: string;
  conversationId: string;
  /** After the console logged the message: the view scrolls to it. */
  onSent?: () => void;
}

/** Enter sends, Shift+Enter adds a line. The text stays in the box until the console has logged the message. */
export function Composer({ agentId, agentName, conversationId, onSent }: ComposerProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

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

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) void send(event);
  }

  return (
    <form className="composer" onSubmit={send}>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <div className="composer-row">
        <textarea
          aria-label={`Message ${agentName}`}
          placeholder={`Message ${agentName}…`}
          value={text}
          rows={2}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" disabled={sending || text.trim() === ''}>
          Send
        </button>
      </div>
    </form>
  );
}
