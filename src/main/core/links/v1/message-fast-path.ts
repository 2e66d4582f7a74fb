import { z } from 'zod';
import { INTENTS, type MessageFrame, PRIORITIES } from '../../../../shared/protocol';

/**
 * The common `message` frame checked by hand: the one frame kind that comes by the ten thousand, where the zod
 * schema was a third of the console's own cost per frame. It accepts only what `MessageFrame` accepts and returns
 * what MessageFrame.parse would (priority defaulted); anything else, unusual or wrong (a `data` field, an unknown
 * key, a null, a bad value), returns null and goes through the schema, so every error keeps its code and words.
 * test/unit/message-fast-path.test.ts holds it to the schema.
 */
export function fastMessageFrame(json: unknown): MessageFrame | null {
  if (typeof json !== 'object' || json === null) return null;
  const frame = json as Record<string, unknown>;
  if (frame.type !== 'message') return null;
  for (const key in frame) if (!KNOWN_KEYS.has(key)) return null;
  const { agent_id, id, seq, conversation_id, from, to, intent, text, priority, requires_response, response_timeout_s, reply_to, timestamp } =
    frame;
  if (!isId(id) || !isId(conversation_id) || !isId(from) || !isId(to)) return null;
  if (typeof intent !== 'string' || !INTENT_SET.has(intent)) return null;
  if (typeof timestamp !== 'string' || !DATETIME.test(timestamp)) return null;
  if (agent_id !== undefined && !isId(agent_id)) return null;
  if (seq !== undefined && !(Number.isSafeInteger(seq) && (seq as number) > 0)) return null;
  if (text !== undefined && !(typeof text === 'string' && text.length <= MAX_TEXT)) return null;
  if (priority !== undefined && !(typeof priority === 'string' && PRIORITY_SET.has(priority))) return null;
  if (requires_response !== undefined && typeof requires_response !== 'boolean') return null;
  if (response_timeout_s !== undefined && !(typeof response_timeout_s === 'number' && response_timeout_s > 0 && response_timeout_s <= MAX_TIMEOUT_S)) {
    return null;
  }
  if (reply_to !== undefined && !isId(reply_to)) return null;
  return { ...(frame as MessageFrame), priority: (priority as MessageFrame['priority'] | undefined) ?? 'normal' };
}

const KNOWN_KEYS = new Set([
  'type',
  'agent_id',
  'id',
  'seq',
  'conversation_id',
  'from',
  'to',
  'intent',
  'text',
  'priority',
  'requires_response',
  'response_timeout_s',
  'reply_to',
  'timestamp',
]);
const INTENT_SET: ReadonlySet<string> = new Set(INTENTS);
const PRIORITY_SET: ReadonlySet<string> = new Set(PRIORITIES);
/** The schema's own pattern for `z.iso.datetime({ offset: true })`, so both agree on every timestamp. */
const DATETIME = z.regexes.datetime({ offset: true });
const MAX_TEXT = 512 * 1024;
const MAX_TIMEOUT_S = 86_400;

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 200;
}
