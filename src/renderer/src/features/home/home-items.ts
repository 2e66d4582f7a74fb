import type { Agent, Alert, AlertSeverity, Decision, Endpoint, Message } from '@shared/domain';
import { linkStatusOf } from '../../ui/link-status';

/** What the home view shows, worked out from the lists the app already keeps live: pure, so it is tested alone. */

export const SEVERITY_ORDER: readonly AlertSeverity[] = ['critical', 'warning', 'info'];

/** Firing alerts the operator has not silenced, worst first, then newest first. */
export function firingBySeverity(alerts: readonly Alert[]): Alert[] {
  const rank = (a: Alert) => SEVERITY_ORDER.indexOf(a.severity);
  return alerts
    .filter((a) => a.state === 'firing' && !a.silenced)
    .sort((a, b) => rank(a) - rank(b) || b.lastSeenAt - a.lastSeenAt);
}

export interface TroubledAgent {
  agent: Agent;
  /** 'offline' (no link), 'degraded' (the link is silent, or the agent says it is degraded or failing). */
  trouble: 'offline' | 'degraded';
  /** Why, in words: the endpoint's last error, the silence, or the agent's own state. */
  why: string;
  /** When the console dials again, while offline. */
  nextAttemptAt: number | null;
}

/**
 * Agents that are offline or degraded, offline first. One pass over the roster (10,000 agents is a few ms), and at
 * most `limit` kept: the home view shows a handful and says how many more.
 */
export function troubledAgents(
  agents: readonly Agent[],
  endpoints: readonly Endpoint[],
  limit: number,
): { items: TroubledAgent[]; total: number } {
  const endpointById = new Map(endpoints.map((e) => [e.id, e]));
  const offline: TroubledAgent[] = [];
  const degraded: TroubledAgent[] = [];
  let total = 0;
  for (const agent of agents) {
    const item = trouble(agent, agent.endpointId ? endpointById.get(agent.endpointId) : undefined);
    if (!item) continue;
    total += 1;
    const bucket = item.trouble === 'offline' ? offline : degraded;
    if (bucket.length < limit) bucket.push(item);
  }
  return { items: [...offline, ...degraded].slice(0, limit), total };
}

function trouble(agent: Agent, endpoint: Endpoint | undefined): TroubledAgent | null {
  const nextAttemptAt = agent.health?.nextAttemptAt ?? endpoint?.health?.nextAttemptAt ?? null;
  if (agent.linkState === 'offline') {
    return { agent, trouble: 'offline', why: endpoint?.lastError ?? 'The link is down.', nextAttemptAt };
  }
  if (linkStatusOf(agent.linkState, agent.health) === 'degraded') {
    return { agent, trouble: 'degraded', why: 'No heartbeat answered lately: the link is slow or stuck.', nextAttemptAt: null };
  }
  if (agent.workState === 'degraded' || agent.workState === 'error') {
    return { agent, trouble: 'degraded', why: agent.workState === 'error' ? 'The agent reports an error.' : 'The agent reports it is degraded.', nextAttemptAt: null };
  }
  return null;
}

/** Waiting decisions, the one that runs out first on top; those without an expiry after, oldest first. */
export function waitingDecisions(decisions: readonly Decision[]): Decision[] {
  return decisions
    .filter((d) => d.state === 'pending')
    .sort((a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || a.createdAt - b.createdAt);
}

/** Agents with unread messages, most unread first, with their names. */
export function unreadConversations(
  unread: ReadonlyMap<string, number>,
  nameOf: (agentId: string) => string,
): { agentId: string; name: string; count: number }[] {
  return [...unread]
    .filter(([, count]) => count > 0)
    .map(([agentId, count]) => ({ agentId, name: nameOf(agentId), count }))
    .sort((a, b) => b.count - a.count);
}

/** Folds a batch of message changes into the newest-first activity list: new agent messages on top, `limit` kept. */
export function mergeRecent(list: Message[], batch: readonly Message[], limit: number): Message[] {
  let next = list;
  for (const message of batch) {
    if (message.direction !== 'in') continue;
    // A change to a message already listed (a mark) keeps its place; a new one goes on top.
    next = next.some((m) => m.id === message.id)
      ? next.map((m) => (m.id === message.id ? message : m))
      : [message, ...next].slice(0, limit);
  }
  return next;
}
