/**
 * What a failed A2A request means for the request, decided from the error and what the wire saw; the wording for
 * the operator is a2a-errors.ts's. Pure: the requests module acts on the verdict.
 */
import { BadInput } from './a2a-task-run';
import { credentialRefused, describe, isAgentError, networkCodeOf } from './a2a-errors';
import { type Outcome, WireError } from './guarded-fetch';

/**
 * A send the agent did not accept:
 *  - `settle`: the agent answered with an A2A error, refused the request as such (4xx), or broke the rules (garbage
 *    after a 2xx); sending it again changes nothing, so it is acked and the operator sees why;
 *  - `retry`: it never reached the agent, or may have with no answer (timeout, reset, 5xx), or the credential was
 *    refused; the link goes down for `reason` and the outbox sends it again later, marked "may have been delivered
 *    twice" when it may have reached the agent (A2A promises no dedupe by messageId).
 */
export type SendFailure = { kind: 'settle' } | { kind: 'retry'; reason: string; maybeDuplicate: boolean };

export function sendFailure(error: unknown, outcome: Outcome | undefined): SendFailure {
  if (error instanceof BadInput || (error instanceof WireError && error.problem !== 'TIMEOUT') || isAgentError(error)) return { kind: 'settle' };
  const status = outcome?.status ?? null;
  if (status === 401 || status === 403) return { kind: 'retry', reason: credentialRefused(status), maybeDuplicate: false };
  if (status !== null && status >= 400 && status < 500 && ![408, 429].includes(status)) return { kind: 'settle' };
  if (status !== null && status < 300 && networkCodeOf(error) === undefined) return { kind: 'settle' };
  return { kind: 'retry', reason: describe(error), maybeDuplicate: outcome?.reached === true };
}

/**
 * A task run that ended badly after the agent accepted the request: the agent's fault, counted against it by code,
 * or the connection's (`badInput` null), which takes the link down.
 */
export function runFailure(error: unknown): { badInput: { code: string; message: string } | null } {
  if (error instanceof BadInput) return { badInput: { code: error.code, message: error.message } };
  if (error instanceof WireError) return { badInput: { code: error.problem, message: error.message } };
  if (isAgentError(error)) return { badInput: { code: 'AGENT_ERROR', message: describe(error) } };
  if (networkCodeOf(error) === undefined) return { badInput: { code: 'BAD_STREAM', message: describe(error) } };
  return { badInput: null };
}
