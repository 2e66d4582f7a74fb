import type { Agent, Alert, Decision } from '@shared/domain';
import { useAgents } from '../agents/use-agents';
import { alertsQuery } from '../alerts/use-alerts';
import { decisionKey } from '../decisions/decision-triage';
import { decisionsQuery } from '../decisions/use-decisions';
import { useQuery } from '../../lib/use-query';
import { mentionHandle } from '../../ui/MentionTextarea';

/**
 * One index per loaded list, shared by every card on screen: a conversation can hold thousands of notes, and each
 * rendered one looks its item up here instead of asking the core (scrolling must not turn into a request per row).
 * Keyed by the list itself, so a new list (an item changed) gets a new index and the old one is collected.
 */
function indexed<T>(list: readonly T[], keyOf: (item: T) => string, cache: WeakMap<readonly T[], Map<string, T>>): Map<string, T> {
  let index = cache.get(list);
  if (!index) {
    index = new Map(list.map((item) => [keyOf(item), item]));
    cache.set(list, index);
  }
  return index;
}

const decisionIndexes = new WeakMap<readonly Decision[], Map<string, Decision>>();
const alertIndexes = new WeakMap<readonly Alert[], Map<string, Alert>>();
const handleIndexes = new WeakMap<readonly Agent[], Map<string, string>>();

/** The decision as the console knows it now (live), or null when it is not among the loaded ones. */
export function useNoteDecision(agentId: string, id: string | null): { decision: Decision | null; loading: boolean } {
  const { data, loading } = useQuery(id === null ? null : decisionsQuery);
  if (id === null || !data) return { decision: null, loading };
  return { decision: indexed(data, decisionKey, decisionIndexes).get(decisionKey({ agentId, id })) ?? null, loading };
}

/** The alert as the console knows it now (live), or null when it is not among the loaded ones. */
export function useNoteAlert(id: string | null): { alert: Alert | null; loading: boolean } {
  const { data, loading } = useQuery(id === null ? null : alertsQuery);
  if (id === null || !data) return { alert: null, loading };
  return { alert: indexed(data, (a) => a.id, alertIndexes).get(id) ?? null, loading };
}

/** Agents' names by the handle typed for them (`cmotwin` → "CMO Twin") and by id: who a mention in a message means. */
export function useMentionNames(): Map<string, string> {
  const { agents } = useAgents();
  let names = handleIndexes.get(agents);
  if (!names) {
    names = new Map();
    for (const agent of agents) {
      names.set(agent.id.toLowerCase(), agent.name);
      names.set(mentionHandle(agent.name).toLowerCase(), agent.name);
    }
    handleIndexes.set(agents, names);
  }
  return names;
}
