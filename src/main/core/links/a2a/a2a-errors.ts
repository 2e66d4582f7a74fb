/**
 * What a failed A2A request means: a connection that never reached the agent, one that may have, an error the agent
 * answered with, or a broken stream, and how to say it to an operator.
 *
 * Every reason an agent is down is shown as it is, under its row in Connections, on Home and in the chat: so each
 * one says what happened and what to do about it, in the operator's words, never a bare code. An unfamiliar code
 * stays at the end, in parentheses, for whoever the operator asks for help.
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

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);

/** The card answered 401 or 403: the credential is missing or wrong. */
export function credentialRefused(status: number): string {
  return status === 403
    ? 'The agent refused access with the console\'s credential (HTTP 403): the token is known but not allowed. Check the token has access to this agent, then set it in Connections (Edit); retrying.'
    : 'The agent asked for a credential the console did not have or that it did not accept (HTTP 401). Set or update its bearer token in Connections (Edit); retrying.';
}

/** The card URL answered an HTTP error. */
export function cardHttpError(status: number): string {
  if (status === 404) return 'No A2A agent card at this address (HTTP 404): check the URL is the agent\'s base address (its card is at /.well-known/agent-card.json); retrying.';
  if (status >= 500) return `The agent's server failed when asked for its card (HTTP ${status}): it may be starting or broken; check its logs. Retrying.`;
  return `The agent answered HTTP ${status} when asked for its card, so it could not be connected. Check the URL and the agent's settings; retrying.`;
}

/** The card is not one the console can use (not JSON, or missing what A2A requires). */
export function badCardReason(detail: string): string {
  const what = detail.replace(/^bad (agent )?card:?\s*/i, '').trim();
  return `The address answered, but not with a usable A2A agent card${what ? ` (${what})` : ''}. Check the URL points at the agent, or ask its owner to fix its card; retrying.`;
}

function describeWire(error: WireError): string {
  const m = error.message;
  switch (error.problem) {
    case 'TIMEOUT': {
      const ms = /within (\d+) ms/.exec(m)?.[1];
      return `The agent did not answer${ms ? ` within ${seconds(Number(ms))}` : ' in time'}: it may be overloaded, or the address may point at the wrong port. Check it is running; retrying.`;
    }
    case 'NOT_A2A':
      if (/too many redirects/.test(m)) return 'The address redirects too many times to reach the agent. Use the agent\'s final address in Connections; retrying.';
      return `The address answered HTML, a web page (${/HTTP \d+/.exec(m)?.[0] ?? 'HTTP'}), not A2A: often a login page, a proxy or the wrong path. Use the agent's own address in Connections; retrying.`;
    case 'REDIRECT_OFF_HOST': {
      const host = /\(([^)]+)\)/.exec(m)?.[1] ?? 'another host';
      return /card points/.test(m)
        ? `The agent's card sends requests to another host (${host}), which the console does not call so the token stays with this agent. Ask the agent's owner to fix its card, or connect to ${host} directly.`
        : `The address redirects to another host (${host}), which the console does not follow so the token stays with this agent. Connect to the final address in Connections instead.`;
    }
    case 'TOO_LARGE':
      return `The agent sent more than the console accepts (${m}). Check the URL is the agent and not a file, or ask its owner why its answers are so large.`;
    case 'STREAM_IDLE':
      return `The agent's reply went quiet (${m}), so the console stopped waiting. Ask again; if it keeps happening, the agent may be stuck.`;
    case 'STREAM_TOO_LONG':
      return `The agent's reply ran too long (${m}), so the console closed it. Ask again in smaller steps, or check the agent.`;
  }
}

function describeTls(code: string): string {
  if (/EXPIRED/.test(code)) return 'The agent\'s TLS certificate has expired, so the console will not trust the connection. Ask its owner to renew it; retrying.';
  if (/ALTNAME|HOSTNAME|HOST_MISMATCH/.test(code)) return 'The agent\'s TLS certificate is for another name than the one in the URL. Use the name the certificate is for, or ask its owner to fix it; retrying.';
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|UNTRUSTED/.test(code)) {
    return 'The agent\'s TLS certificate is not from an authority this machine trusts (self-signed or a private one), so the console will not connect. Ask its owner for a trusted certificate; retrying.';
  }
  return `The secure (TLS) connection to the agent failed, so nothing was sent. Check the agent's certificate and that the URL's https:// is right; retrying. (${code})`;
}

/** Why a request failed, in words an operator can act on. */
export function describe(error: unknown): string {
  if (error instanceof WireError) return describeWire(error);
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (code === 'ECONNREFUSED') return 'Refused: nothing is listening at that address. Check the agent is running and the URL\'s port is right; retrying.';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The host name in the URL does not resolve. Check its spelling, and this machine\'s network; retrying.';
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'The agent\'s host cannot be reached from this machine. Check the network or VPN; retrying.';
    if (/CERT|TLS|SSL|SELF_SIGNED/.test(code)) return describeTls(code);
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'The connection was cut before the agent answered: the agent or a proxy in between may have restarted. Retrying.';
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'The agent\'s host did not answer the connection: it may be down or behind a firewall. Check it is running; retrying.';
  }
  const text = error instanceof Error ? error.message : String(error);
  if (/abort|timeout/i.test(text)) return 'The agent did not answer in time: it may be overloaded or stuck. Check it is running; retrying.';
  return text.slice(0, 300);
}
