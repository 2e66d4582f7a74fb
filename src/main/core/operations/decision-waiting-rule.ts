import type { Decision } from '../../../shared/domain';
import type { RuleAction } from '../lib/core-events';

const keyOf = (d: Pick<Decision, 'agentId' | 'id'>) => `rule:decision_waiting:${d.agentId}:${d.id}`;

/**
 * "A decision has waited longer than N minutes." Fires one warning per waiting decision and resolves it once the
 * decision is no longer pending (decided or expired).
 */
export class DecisionWaitingRule {
  private readonly raised = new Set<string>();

  evaluate(pending: Decision[], now: number, waitingMs: number, agentName: (agentId: string) => string): RuleAction[] {
    const actions: RuleAction[] = [];
    const still = new Set<string>();
    for (const decision of pending) {
      const key = keyOf(decision);
      still.add(key);
      if (this.raised.has(key) || now - decision.createdAt < waitingMs) continue;
      this.raised.add(key);
      const minutes = Math.round((now - decision.createdAt) / 60_000);
      actions.push({
        raise: {
          agentId: decision.agentId,
          source: 'rule',
          rule: 'decision_waiting',
          dedupeKey: key,
          severity: 'warning',
          title: `Decision waiting ${minutes} min: ${decision.summary}`.slice(0, 500),
          body: `${agentName(decision.agentId)} is waiting for your approval (confidence ${Math.round(decision.confidence * 100)}%).`,
          actor: 'rule:decision_waiting',
        },
      });
    }
    for (const key of [...this.raised]) {
      if (still.has(key)) continue;
      this.raised.delete(key);
      actions.push({ resolve: key });
    }
    return actions;
  }
}
