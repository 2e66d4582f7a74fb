import type { Agent, Endpoint } from '@shared/domain';

/** Roughly what fits on one line of a Connections row beside the state word, at 280px. */
const LABEL_BUDGET = 26;

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
 * "CMO Twin", or for a gateway "CSO Twin, Content Agent +3": as many names as fit, then how many more, never
 * fewer than one name.
 */
export function agentNamesLabel(names: readonly string[], budget = LABEL_BUDGET): string {
  if (names.length === 0) return '';
  let label = names[0]!;
  let shown = 1;
  for (; shown < names.length; shown++) {
    const more = names.length - shown - 1;
    const next = `${label}, ${names[shown]}`;
    if (next.length + (more > 0 ? ` +${more}`.length : 0) > budget) break;
    label = next;
  }
  return shown < names.length ? `${label} +${names.length - shown}` : label;
}

export interface EndpointWho {
  /** Who is behind the endpoint: the operator's name for it, else its agents' names, else its host. */
  label: string;
  /** Every agent name behind it, for a tooltip (the label may show only some). */
  agentNames: string[];
}

/** What a Connections row and the palette call an endpoint: an operator thinks in agents, not ports. */
export function endpointWho(endpoint: Pick<Endpoint, 'url' | 'name'>, agents: readonly Agent[] = []): EndpointWho {
  // Sorted, so the label is the same whether the list came from the log or from a hello just now.
  const agentNames = agents.map((a) => a.name).sort((a, b) => a.localeCompare(b));
  const label = endpoint.name?.trim() || agentNamesLabel(agentNames) || endpointHost(endpoint.url);
  return { label, agentNames };
}
