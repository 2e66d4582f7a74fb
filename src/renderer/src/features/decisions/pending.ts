import type { Decision } from '@shared/domain';

/** Decisions waiting for the operator, oldest first (the order to work through them), and how many per agent. */
export function pendingDecisions(decisions: readonly Decision[]): { pending: Decision[]; byAgent: ReadonlyMap<string, number> } {
  const pending = decisions.filter((d) => d.state === 'pending').sort((a, b) => a.createdAt - b.createdAt);
  const byAgent = new Map<string, number>();
  for (const d of pending) byAgent.set(d.agentId, (byAgent.get(d.agentId) ?? 0) + 1);
  return { pending, byAgent };
}

/** The decision after the focused one, wrapping around; the first when none is focused; null when none waits. */
export function nextDecision(pending: readonly Decision[], focusedId: string | null): Decision | null {
  const current = pending.findIndex((d) => d.id === focusedId);
  return pending[(current + 1) % Math.max(1, pending.length)] ?? null;
}
