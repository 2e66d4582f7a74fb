import type { Decision } from '@shared/domain';

/** A decision the agent marked high-risk (protocol `risk: high`, kept as `context.risk`): approving needs a confirmation. */
export function isHighRisk(decision: Pick<Decision, 'context'>): boolean {
  return decision.context?.risk === 'high';
}
