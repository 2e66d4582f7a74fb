import type { ApiError } from '@shared/contract';
import type { Alert } from '@shared/domain';
import { liveList } from '../../lib/live-list';
import { useQuery } from '../../lib/use-query';

const alertsQuery = liveList({ channel: 'alerts:list', request: { limit: 500 }, changed: 'alert:changed', keyOf: (alert) => alert.id });

/** Every alert the inbox can show (open and recently resolved), kept live by `alert:changed`. */
export function useAlerts(): { alerts: Alert[]; error: ApiError | null } {
  const { data, error } = useQuery(alertsQuery);
  return { alerts: data ?? [], error };
}

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
