import type { Message } from '@shared/domain';
import { fieldLabel, formatField } from '../../ui/format';

/** Plumbing, not content: room context, broadcast and correlation ids, the console's own note marker. */
const hidden = (key: string) => key === 'room' || key === 'console_note' || key === 'id' || key.endsWith('_id');

/**
 * The `data` of a structured message as a card: the fields of a request, or of an agent's reply (correlated by
 * `reply_to`), with money, percentages and units written as an operator reads them.
 */
export function StructuredCard({ message }: { message: Message }) {
  const entries = Object.entries(message.data ?? {}).filter(([k]) => !hidden(k));
  if (entries.length === 0) return null;
  const kind = message.direction === 'out' ? 'request' : message.replyTo ? 'reply' : 'data';
  return (
    <dl className={`structured-card structured-${kind}`} data-card={kind} aria-label={`${message.intent.replace(/_/g, ' ')} ${kind}`}>
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{fieldLabel(k)}</dt>
          <dd>{formatField(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}
