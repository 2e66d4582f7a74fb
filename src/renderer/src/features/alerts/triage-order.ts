import type { Alert } from '@shared/domain';

const STATE_ORDER = { firing: 0, acknowledged: 1, resolved: 2 } as const;
const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** Triage order: firing before acknowledged before resolved, then critical first, then newest. */
export function triageOrder(a: Alert, b: Alert): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    b.lastSeenAt - a.lastSeenAt
  );
}
