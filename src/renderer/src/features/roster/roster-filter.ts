import type { Agent } from '@shared/domain';
import type { Intent } from '@shared/protocol';
import { linkStatusOf } from '../../ui/link-status';

export interface RosterFilter {
  text: string;
  department: string;
  role: string;
  capability: string;
  intent: Intent | '';
  onlineOnly: boolean;
}

export const EMPTY_FILTER: RosterFilter = { text: '', department: '', role: '', capability: '', intent: '', onlineOnly: false };

/** One row of the flattened, grouped roster: a department header, a role subheader, or an agent. */
export type RosterRow =
  | { kind: 'department'; key: string; label: string; count: number }
  | { kind: 'role'; key: string; label: string }
  | { kind: 'agent'; key: string; agent: Agent };

export function matches(agent: Agent, filter: RosterFilter): boolean {
  // "Online only" is who can answer now: the dot's own mapping, so a degraded (connected, silent) agent is left out.
  if (filter.onlineOnly && linkStatusOf(agent.linkState, agent.health) !== 'online') return false;
  if (filter.department && agent.department !== filter.department) return false;
  if (filter.role && agent.role !== filter.role) return false;
  if (filter.capability && !agent.capabilities.includes(filter.capability)) return false;
  if (filter.intent && !agent.intents.includes(filter.intent)) return false;
  if (filter.text && !haystack(agent).includes(filter.text.toLowerCase())) return false;
  return true;
}

/**
 * The lower-cased text an agent is searched by, built once per agent object (a changed agent is a new object), so
 * a keystroke at 10,000 agents is 10,000 `includes`, not 10,000 string builds.
 */
const haystacks = new WeakMap<Agent, string>();
function haystack(agent: Agent): string {
  let hay = haystacks.get(agent);
  if (hay === undefined) {
    hay = `${agent.name} ${agent.id} ${agent.role} ${agent.department} ${agent.capabilities.join(' ')}`.toLowerCase();
    haystacks.set(agent, hay);
  }
  return hay;
}

/**
 * Filters and groups agents by department, then role, flattened into rows so a virtual list can draw only what is
 * on screen. Sorting happens once per agent list (`sortAgents`), not per keystroke.
 */
export function rosterRows(sorted: Agent[], filter: RosterFilter): RosterRow[] {
  const rows: RosterRow[] = [];
  let department: string | null = null;
  let role: string | null = null;
  let header: Extract<RosterRow, { kind: 'department' }> | null = null;
  for (const agent of sorted) {
    if (!matches(agent, filter)) continue;
    if (agent.department !== department) {
      department = agent.department;
      role = null;
      header = { kind: 'department', key: `d:${department}`, label: department, count: 0 };
      rows.push(header);
    }
    if (agent.role !== role) {
      role = agent.role;
      rows.push({ kind: 'role', key: `r:${department}:${role}`, label: role });
    }
    header!.count += 1;
    rows.push({ kind: 'agent', key: agent.id, agent });
  }
  return rows;
}

export function sortAgents(agents: Agent[]): Agent[] {
  return [...agents].sort(
    (a, b) => a.department.localeCompare(b.department) || a.role.localeCompare(b.role) || a.name.localeCompare(b.name),
  );
}

/** The distinct values each filter can take, for its dropdown. */
export function filterOptions(agents: Agent[]) {
  const uniq = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    departments: uniq(agents.map((a) => a.department)),
    roles: uniq(agents.map((a) => a.role)),
    capabilities: uniq(agents.flatMap((a) => a.capabilities)),
    intents: uniq(agents.flatMap((a) => a.intents)) as Intent[],
  };
}
