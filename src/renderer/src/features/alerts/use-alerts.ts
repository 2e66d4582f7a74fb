import type { ApiError } from '@shared/contract';
import type { Alert } from '@shared/domain';
import { liveList } from '../../lib/live-list';
import { useQuery } from '../../lib/use-query';

export const alertsQuery = liveList({ channel: 'alerts:list', request: { limit: 500 }, changed: 'alert:changed', keyOf: (alert) => alert.id });

/** Every alert the inbox can show (open and recently resolved), kept live by `alert:changed`. */
export function useAlerts(): { alerts: Alert[]; error: ApiError | null; loading: boolean } {
  const { data, error, loading } = useQuery(alertsQuery);
  return { alerts: data ?? [], error, loading };
}

// Kept importable from here for the inbox; the order itself is pure (triage-order.ts).
export { triageOrder } from './triage-order';
