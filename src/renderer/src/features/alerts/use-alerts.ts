import type { ApiError } from '../../../../shared/contract';
import type { Alert } from '../../../../shared/domain';
import { api } from '../../lib/api';
import { type LiveSource, useLiveCollection } from '../../lib/use-live-collection';

const alertsSource: LiveSource<Alert> = {
  load: () => api.alerts.list({ limit: 500 }),
  onChanged: (listener) => api.onAlertChanged(listener),
  keyOf: (alert) => alert.id,
};

/** Every alert the inbox can show (open and recently resolved), kept live by `alert:changed`. */
export function useAlerts(): { alerts: Alert[]; error: ApiError | null } {
  const { items, error } = useLiveCollection(alertsSource);
  return { alerts: items, error };
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
