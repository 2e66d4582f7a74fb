import type { Result } from '@shared/contract';
import type { Alert } from '@shared/domain';
import { api } from '../../lib/api';
import type { HeldAction, HeldEffect } from '../../ui/undo-queue';
import type { SilenceRequest } from './SilenceForm';

export type HeldAlertAction = 'acknowledge' | 'resolve';

/** The alerts an action applies to: acknowledge only firing ones, resolve only open ones. */
export function applicable(action: HeldAlertAction | 'silence', alerts: readonly Alert[]): Alert[] {
  if (action === 'acknowledge') return alerts.filter((a) => a.state === 'firing');
  if (action === 'resolve') return alerts.filter((a) => a.state !== 'resolved');
  return alerts.filter((a) => a.state !== 'resolved' && !a.silenced);
}

/** An alert as it will be once the held actions on it are carried out: the inbox shows that at once. */
export function withHeld(alert: Alert, held: readonly HeldAction[]): Alert {
  let next = alert;
  for (const action of held) {
    for (const effect of action.effects) {
      if (effect.kind !== 'alert' || effect.id !== alert.id) continue;
      if (effect.to === 'silenced') next = { ...next, silenced: true };
      else if (effect.to === 'resolved') next = { ...next, state: 'resolved' };
      else if (next.state === 'firing') next = { ...next, state: 'acknowledged' };
    }
  }
  return next;
}

const PAST = { acknowledge: 'Acknowledged', resolve: 'Resolved', silence: 'Silenced' } as const;

/** What the toast says: the alert's title for one, a count for several. */
export function actionLabel(action: HeldAlertAction | 'silence', alerts: readonly Alert[]): string {
  return alerts.length === 1 ? `${PAST[action]} “${alerts[0]!.title}”` : `${PAST[action]} ${alerts.length} alerts`;
}

export function effectsOf(action: HeldAlertAction | 'silence', alerts: readonly Alert[]): HeldEffect[] {
  const to = action === 'acknowledge' ? 'acknowledged' : action === 'resolve' ? 'resolved' : 'silenced';
  return alerts.map((a) => ({ kind: 'alert', id: a.id, to }));
}

/** The contract calls that carry an action out, one per alert (or per silence), all sent at once. */
export function commitOf(action: HeldAlertAction, alerts: readonly Alert[]): () => Promise<Result<unknown>[]> {
  return () => Promise.all(alerts.map((a) => api.alerts[action]({ id: a.id })));
}

export function commitSilence(request: SilenceRequest): () => Promise<Result<unknown>[]> {
  return () =>
    Promise.all(
      request.values.map((value) => api.silences.add({ matcher: request.matcher, value, reason: request.reason, durationS: request.durationS })),
    );
}
