import type { Message } from '@shared/domain';
import { fieldLabel, formatField } from '../../ui/format';

/** Plumbing, not content: room context, broadcast and correlation ids, the console's own note marker. */
const hidden = (key: string) => key === 'room' || key === 'console_note' || key === 'id' || key.endsWith('_id');

/** A file an agent sent (A2A file part): its name, type and size; the bytes are not kept. */
function showAttachment(value: unknown): string {
  const a = value as { name?: unknown; media_type?: unknown; size?: unknown };
  const size = typeof a.size === 'number' ? (a.size < 1024 ? `${a.size} B` : `${(a.size / 1024).toFixed(1)} KB`) : 'size unknown';
  return `${String(a.name ?? 'file')} (${String(a.media_type ?? 'file')}, ${size})`;
}

function show(key: string, value: unknown): string {
  if (key === 'attachments' && Array.isArray(value)) return value.map(showAttachment).join(', ');
  if (key === 'task' && value && typeof value === 'object') return String((value as { state?: unknown }).state ?? '');
  return formatField(key, value);
}

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
          <dd>{show(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}
