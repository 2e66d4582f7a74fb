import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Alert } from '../../../../shared/domain';
import { api } from '../../lib/api';

/** Every alert the inbox can show (open and recently resolved), kept live by `alert:changed`. */
export function useAlerts(): { alerts: Alert[]; error: ApiError | null } {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let alive = true;
    const off = api.onAlertChanged((alert) =>
      setAlerts((current) => {
        const index = current.findIndex((a) => a.id === alert.id);
        if (index === -1) return [alert, ...current];
        const next = current.slice();
        next[index] = alert;
        return next;
      }),
    );
    void api.alerts.list({ limit: 500 }).then((result) => {
      if (!alive) return;
      if (!result.ok) return setError(result.error);
      setAlerts((live) => {
        const fresh = new Map(live.map((a) => [a.id, a]));
        return [...result.value.map((a) => fresh.get(a.id) ?? a), ...live.filter((a) => !result.value.some((b) => b.id === a.id))];
      });
    });
    return () => {
      alive = false;
      off();
    };
  }, []);

  return { alerts, error };
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
