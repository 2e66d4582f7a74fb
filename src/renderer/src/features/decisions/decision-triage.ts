import type { Decision } from '@shared/domain';
import { api } from '../../lib/api';
import { type HeldAction, undoQueue } from '../../ui/undo-queue';

export type Outcome = 'approved' | 'rejected';

/** Decisions are unique per agent only: the key the queue, the selection and the checkboxes use. */
export const decisionKey = (d: Pick<Decision, 'agentId' | 'id'>) => `${d.agentId}\u0000${d.id}`;

/** The answer a held action will send for this decision, if one is waiting for its Undo window to pass. */
export function heldOutcome(decision: Decision, held: readonly HeldAction[]): Outcome | null {
  for (const action of held) {
    for (const effect of action.effects) {
      if (effect.kind === 'decision' && effect.agentId === decision.agentId && effect.id === decision.id) return effect.to;
    }
  }
  return null;
}

/**
 * Holds the operator's answer to one or more decisions for the Undo window; it goes to the core (and on to the
 * agents as `decision_result`) when the window passes, or at once when the page goes away.
 */
export function holdAnswers(decisions: readonly Decision[], outcome: Outcome, comments: ReadonlyMap<string, string> = new Map()): void {
  if (decisions.length === 0) return;
  const verb = outcome === 'approved' ? 'Approved' : 'Rejected';
  const label = decisions.length === 1 ? `${verb} “${decisions[0]!.summary}”` : `${verb} ${decisions.length} decisions`;
  undoQueue.hold(
    label,
    decisions.map((d) => ({ kind: 'decision', agentId: d.agentId, id: d.id, to: outcome })),
    () =>
      Promise.all(
        decisions.map((d) => {
          const comment = comments.get(decisionKey(d))?.trim();
          return api.decisions.decide({ agentId: d.agentId, id: d.id, outcome, ...(comment ? { comment } : {}) });
        }),
      ),
  );
}

/** Keys the agent may send in `context` about how it has done before: shown with its track record, not as context. */
export function isPerformanceKey(key: string): boolean {
  return /success|attempt|accuracy|win_rate|hit_rate|track_record|past_|history|performance|outcomes/i.test(key);
}
