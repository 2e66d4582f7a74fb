import type { Agent } from '../../../shared/domain';
import type { RuleAction } from '../lib/core-events';

export interface OfflineRuleOptions {
  /** An agent offline this long raises a warning... */
  warnAfterS: number;
  /** ...and this long, a critical alert. */
  criticalAfterS: number;
}

export const DEFAULT_OFFLINE_RULE: OfflineRuleOptions = { warnAfterS: 60, criticalAfterS: 600 };

/**
 * "Agent offline longer than N s". It remembers when each agent went offline and, on every evaluation, says which
 * alerts should fire or resolve. A short blip (a reconnect within N s) never fires, which is its own hysteresis.
 */
export class OfflineRule {
  private readonly offlineSince = new Map<string, { at: number; name: string; raised: 'warning' | 'critical' | null }>();

  constructor(private readonly options: OfflineRuleOptions = DEFAULT_OFFLINE_RULE) {}

  observe(agent: Agent, now: number): RuleAction | null {
    if (agent.linkState === 'online') {
      const wasOffline = this.offlineSince.delete(agent.id);
      return wasOffline ? { resolve: keyOf(agent.id) } : null;
    }
    if (!this.offlineSince.has(agent.id)) this.offlineSince.set(agent.id, { at: now, name: agent.name, raised: null });
    return null;
  }

  evaluate(now: number): RuleAction[] {
    const actions: RuleAction[] = [];
    for (const [agentId, state] of this.offlineSince) {
      const { at, name } = state;
      const seconds = (now - at) / 1000;
      if (seconds < this.options.warnAfterS) continue;
      const critical = seconds >= this.options.criticalAfterS;
      // Raise once per threshold crossed, not on every evaluation: the count should mean repeats, not ticks.
      const severity = critical ? 'critical' : 'warning';
      if (state.raised === severity) continue;
      state.raised = severity;
      actions.push({
        raise: {
          agentId,
          source: 'rule',
          rule: 'agent_offline',
          dedupeKey: keyOf(agentId),
          severity,
          title: `${name} is offline`,
          body: `No connection for ${formatDuration(seconds)}.`,
          actor: 'rule:agent_offline',
        },
      });
    }
    return actions;
  }
}

function keyOf(agentId: string): string {
  return `rule:agent_offline:${agentId}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
