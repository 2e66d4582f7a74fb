import { memo, useState } from 'react';
import type { Message } from '@shared/domain';
import { api } from '../../lib/api';
import { formatFullTime, formatTime } from '../../ui/format';
import { MentionText } from '../../ui/MentionText';
import { StructuredCard } from '../composer/StructuredCard';
import { NoteCard, noteKind } from './NoteCard';
import { useMentionNames } from './use-note-items';

const STATUS_LABELS: Record<Message['status'], string> = {
  queued: 'Queued: waiting for the agent to come online',
  sent: 'Sent',
  delivered: 'Delivered',
  received: '',
};


/** What the link layer says about a message, in words: cancelled, awaiting or missed reply, interrupted stream. */
function markLabel(message: Message): string | null {
  const marks = message.marks;
  if (!marks) return null;
  if (marks.cancelledAt !== null) return 'Cancelled: never sent';
  if (marks.interrupted) return 'Interrupted: the link dropped before the reply was complete';
  if (marks.timedOutAt !== null && marks.repliedAt === null) return `No reply by ${formatTime(marks.timedOutAt)}`;
  if (marks.timedOutAt !== null) return 'Replied after the deadline';
  if (marks.replyDueAt !== null && marks.repliedAt === null) return `Awaiting reply by ${formatTime(marks.replyDueAt)}`;
  return null;
}

const TASK_LABELS: Record<string, string> = {
  submitted: 'Task submitted',
  working: 'Task working',
  'input-required': 'Task waiting for your answer',
  completed: 'Task completed',
  failed: 'Task failed',
  canceled: 'Task canceled',
  rejected: 'Task rejected by the agent',
  'auth-required': 'Task needs authorisation',
};
const RUNNING_TASK = new Set(['submitted', 'working', 'input-required']);

/**
 * One message. Memoized: a batch of new messages re-renders the list, and the rows already on screen (the same
 * message objects: the window replaces only what changed) need not render again.
 */
export const MessageBubble = memo(function MessageBubble({
  message,
  agentName,
  continued = false,
}: {
  message: Message;
  agentName: string;
  continued?: boolean;
}) {
  const outgoing = message.direction === 'out';
  const cancelled = message.marks?.cancelledAt != null;
  const mark = markLabel(message);
  const task = message.marks?.task ?? null;
  const [cancelError, setCancelError] = useState<string | null>(null);
  const names = useMentionNames();

  async function cancel() {
    const result = await api.messages.cancel({ id: message.id });
    setCancelError(result.ok ? null : result.error.message);
  }

  // The console's own record of an alert or decision the agent raised (see core/timeline/timeline-notes.ts).
  const note = noteKind(message);
  return (
    <article
      className={`message ${outgoing ? 'outgoing' : 'incoming'}${cancelled ? ' cancelled' : ''}${message.marks?.interrupted ? ' interrupted' : ''}${note ? ` note note-${note}` : ''}`}
      data-message-id={message.id}
      data-note={note ?? undefined}
      data-status={cancelled ? 'cancelled' : message.status}
      data-timed-out={message.marks?.timedOutAt != null ? 'true' : undefined}
    >
      <header className={continued ? 'continued' : undefined}>
        <span className="sender">{outgoing ? 'You' : agentName}</span>
        {message.intent !== 'chat' && <span className="intent">{message.intent.replace(/_/g, ' ')}</span>}
        <time dateTime={new Date(message.createdAt).toISOString()} title={formatFullTime(message.createdAt)}>{formatTime(message.createdAt)}</time>
      </header>
      {note ? (
        <NoteCard message={message} agentName={agentName} names={names} />
      ) : (
        <>
          <p className="message-text">
            <MentionText text={message.text ?? ''} names={names} />
          </p>
          <StructuredCard message={message} />
        </>
      )}
      {outgoing && !cancelled && (
        <footer className={`delivery delivery-${message.status}`}>
          {STATUS_LABELS[message.status]}
          {message.status === 'queued' && (
            <button type="button" className="link-button" onClick={cancel}>
              Cancel
            </button>
          )}
        </footer>
      )}
      {mark && <footer className="message-mark">{mark}</footer>}
      {message.marks?.maybeDuplicate && (
        <footer className="message-mark" data-mark="maybe-duplicate">
          Sent again after no answer: it may have been delivered twice
        </footer>
      )}
      {task && (
        <footer className="message-mark task-state" data-task-state={task.state}>
          {TASK_LABELS[task.state] ?? `Task ${task.state}`}
          {RUNNING_TASK.has(task.state) && (
            <button type="button" className="link-button" onClick={cancel}>
              Cancel task
            </button>
          )}
        </footer>
      )}
      {cancelError && <footer className="message-mark error">{cancelError}</footer>}
    </article>
  );
});
