import type { Message } from '@shared/domain';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The `data` of a structured message as a card: the fields of a request, or of an agent's reply (correlated by
 * `reply_to`). Room context and broadcast ids are plumbing, not content, and are left out.
 */
export function StructuredCard({ message }: { message: Message }) {
  const entries = Object.entries(message.data ?? {}).filter(([k]) => k !== 'room' && k !== 'broadcast_id');
  if (entries.length === 0) return null;
  const kind = message.direction === 'out' ? 'request' : message.replyTo ? 'reply' : 'data';
  return (
    <dl className={`structured-card structured-${kind}`} data-card={kind} aria-label={`${message.intent.replace(/_/g, ' ')} ${kind}`}>
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k.replace(/_/g, ' ')}</dt>
          <dd>{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
