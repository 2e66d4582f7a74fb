/**
 * What is wrong with an agent URL, in the operator's words, with an example of one that works; null when it is fine.
 * The core checks the same rule again (contract.ts, endpoints:add); this says it at the field, before a round trip.
 */
export const URL_EXAMPLES = 'For example: ws://localhost:7001 or https://agent.example.com';

const SCHEMES = ['ws:', 'wss:', 'http:', 'https:'];

export function agentUrlProblem(input: string): string | null {
  const url = input.trim();
  if (url === '') return `Enter the agent's address. ${URL_EXAMPLES}`;
  if (/\s/.test(url)) return `The address has a space in it; an agent address has none. ${URL_EXAMPLES}`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !url.includes('://')) {
    return `Start the address with ws:// or wss:// for a Twin Console agent, or http:// or https:// for an A2A agent. ${URL_EXAMPLES}`;
  }
  if (!SCHEMES.includes(`${scheme}:`)) {
    return `The console cannot talk to ${scheme}:// addresses. Use ws:// or wss:// for a Twin Console agent, or http:// or https:// for an A2A agent. ${URL_EXAMPLES}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `This is not a complete address: check the host name and port after ${scheme}://. ${URL_EXAMPLES}`;
  }
  if (parsed.hostname === '') return `The address has no host after ${scheme}://. ${URL_EXAMPLES}`;
  return null;
}
