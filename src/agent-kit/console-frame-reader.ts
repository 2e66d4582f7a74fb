/**
 * Turns raw bytes from the console into a validated frame, or into the `error` frame that answers them. The kit
 * never trusts the console's shape any more than the console trusts an agent's.
 */
import { type ConsoleToAgentFrame, ConsoleToAgentFrame as ConsoleFrameSchema, describeZodError, PROTOCOL_VERSION } from '../shared/protocol';

export type ErrorReply = Extract<ConsoleToAgentFrame, { type: 'error' }>;

export type ReadResult = { ok: true; frame: ConsoleToAgentFrame } | { ok: false; error: ErrorReply };

export function readConsoleFrame(text: string | null): ReadResult {
  if (text === null) {
    return { ok: false, error: { type: 'error', code: 'BINARY_NOT_SUPPORTED', message: 'Frames must be JSON text frames.' } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: { type: 'error', code: 'INVALID_JSON', message: `Frame is not valid JSON: ${(error as Error).message}` } };
  }
  const parsed = ConsoleFrameSchema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const ref = refOf(json);
  return {
    ok: false,
    error: {
      type: 'error',
      code: 'SCHEMA_MISMATCH',
      message: `Frame does not match protocol v${PROTOCOL_VERSION}: ${describeZodError(parsed.error)}`,
      ...(ref === undefined ? {} : { ref }),
    },
  };
}

/** The id of an unreadable frame, when it has a usable one, so the sender can tell which frame was refused. */
export function refOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const id = (json as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 ? id.slice(0, 200) : undefined;
}
