import type { Agent, Endpoint } from '@shared/domain';

/** Roughly what fits on one line of a Connections row beside the state word, at 280px. */
const LABEL_BUDGET = 21;

/** The agents each endpoint announced, by endpoint id, in the order they are listed. */
export function agentsByEndpoint(agents: readonly Agent[]): Map<string, Agent[]> {
  const byEndpoint = new Map<string, Agent[]>();
  for (const agent of agents) {
    if (agent.endpointId === null) continue;
    let list = byEndpoint.get(agent.endpointId);
    if (!list) byEndpoint.set(agent.endpointId, (list = []));
    list.push(agent);
  }
  return byEndpoint;
}

/** "127.0.0.1:9" or "agents.example.com": the part of the URL an operator recognises; the URL itself if it does not parse. */
export function endpointHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * "CMO Twin", or for a gateway "Content Agent, CSO Twin +2": as many names as fit, then how many more, never
 * fewer than one name.
 */
export function agentNamesLabel(names: readonly string[], budget = LABEL_BUDGET): string {
  const { shown, more } = fitNames(names, budget);
  return more > 0 ? `${shown} +${more}` : shown;
}

function fitNames(names: readonly string[], budget: number): { shown: string; more: number } {
  if (names.length === 0) return { shown: '', more: 0 };
  let shown = names[0]!;
  let count = 1;
  for (; count < names.length; count++) {
    const rest = names.length - count - 1;
    const next = `${shown}, ${names[count]}`;
    if (next.length + (rest > 0 ? ` +${rest}`.length : 0) > budget) break;
    shown = next;
  }
  return { shown, more: names.length - count };
}

export interface EndpointWho {
  /** Who is behind the endpoint: the operator's name for it, else its agents' names, else its host. */
  label: string;
  /** The label without its "+N", and N: a row draws the count apart so an ellipsis never hides it. */
  shown: string;
  more: number;
  /** Every agent name behind it, for a tooltip (the label may show only some). */
  agentNames: string[];
}

/** What a Connections row and the palette call an endpoint: an operator thinks in agents, not ports. */
export function endpointWho(endpoint: Pick<Endpoint, 'url' | 'name'>, agents: readonly Agent[] = []): EndpointWho {
  // Sorted, so the label is the same whether the list came from the log or from a hello just now.
  const agentNames = agents.map((a) => a.name).sort((a, b) => a.localeCompare(b));
  const name = endpoint.name?.trim();
  const fitted = name ? { shown: name, more: 0 } : agentNames.length > 0 ? fitNames(agentNames, LABEL_BUDGET) : { shown: endpointHost(endpoint.url), more: 0 };
  return { label: fitted.more > 0 ? `${fitted.shown} +${fitted.more}` : fitted.shown, ...fitted, agentNames };
}
