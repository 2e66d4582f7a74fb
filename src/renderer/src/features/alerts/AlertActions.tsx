import type { Alert } from '@shared/domain';

export type AlertAction = 'acknowledge' | 'silence' | 'resolve';

/**
 * The three things an operator does with an alert, as visible buttons (the keys a / s / r do the same). In a row
 * each button names its alert, so a screen reader hears "Acknowledge Pipeline coverage below 2x", not three
 * "Acknowledge" buttons in a row.
 */
export function AlertActions({ alert, compact, onAction }: { alert: Alert; compact?: boolean; onAction(action: AlertAction): void }) {
  const label = (verb: string) => (compact ? `${verb} ${alert.title}` : undefined);
  const open = alert.state !== 'resolved';
  return (
    <div className={`alert-actions${compact ? ' compact' : ''}`} onClick={(e) => e.stopPropagation()}>
      {alert.state === 'firing' && (
        <button type="button" className="secondary" aria-label={label('Acknowledge')} aria-keyshortcuts="a" title="Acknowledge (a)" onClick={() => onAction('acknowledge')}>
          Acknowledge
        </button>
      )}
      {open && !alert.silenced && (
        <button type="button" className="secondary" aria-label={label('Silence')} aria-keyshortcuts="s" title="Silence (s)" onClick={() => onAction('silence')}>
          Silence…
        </button>
      )}
      {open && (
        <button type="button" className="secondary" aria-label={label('Resolve')} aria-keyshortcuts="r" title="Resolve (r)" onClick={() => onAction('resolve')}>
          Resolve
        </button>
      )}
    </div>
  );
}
