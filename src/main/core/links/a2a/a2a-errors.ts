/**
 * What a failed A2A request means: a connection that never reached the agent, one that may have, an error the agent
 * answered with, or a broken stream, and how to say it to an operator.
 */
import { WireError } from './guarded-fetch';

export function networkCodeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_\w+)$/.test(code)) return code;
  }
  return undefined;
}

/** An error the agent answered with (a JSON-RPC or REST A2A error), as opposed to a failed connection. */
export function isAgentError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof (e as { code?: unknown }).code === 'number') return true;
    if (e instanceof Error && /contained an error|JSON-RPC|A2AError/i.test(`${e.name} ${e.message}`)) return true;
  }
  return false;
}

/** Why a request failed, in words an operator can act on. */
export function describe(error: unknown): string {
  if (error instanceof WireError) return error.message;
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ECONNREFUSED') return 'refused: nothing is listening at that address';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
    if (typeof code === 'string' && /CERT|TLS|SSL|SELF_SIGNED/.test(code)) return `TLS: ${code}`;
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  }
  const text = error instanceof Error ? error.message : String(error);
  if (/abort|timeout/i.test(text)) return 'timeout';
  return text.slice(0, 300);
}
