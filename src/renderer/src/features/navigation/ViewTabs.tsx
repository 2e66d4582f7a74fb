import type { ReactNode } from 'react';
import type { AttentionCounts } from '@shared/domain';
import type { View } from './navigation';

/** The view switcher, with what waits in each view as a badge. */
export function ViewTabs({
  view,
  onView,
  counts,
  pendingDecisions,
}: {
  view: View;
  onView(view: View): void;
  counts: AttentionCounts | null;
  pendingDecisions: number;
}) {
  const tab = (id: View, label: string, badge?: ReactNode) => (
    <button type="button" aria-pressed={view === id} className={view === id ? 'active' : ''} onClick={() => onView(id)}>
      {label}
      {badge}
    </button>
  );
  return (
    <nav className="views views-ops" aria-label="Views">
      {tab('home', 'Home')}
      {tab('chat', 'Chat')}
      {tab(
        'alerts',
        'Alerts',
        counts && counts.firingAlerts > 0 && (
          <span
            className={`badge${counts.criticalAlerts > 0 ? ' badge-critical' : ''}`}
            aria-label={`${counts.firingAlerts} firing ${counts.firingAlerts === 1 ? 'alert' : 'alerts'}${counts.criticalAlerts > 0 ? `, ${counts.criticalAlerts} critical` : ''}`}
          >
            {counts.firingAlerts}
          </span>
        ),
      )}
      {tab(
        'decisions',
        'Needs you',
        pendingDecisions > 0 && (
          <span className="badge badge-decision" aria-label={`${pendingDecisions} ${pendingDecisions === 1 ? 'decision' : 'decisions'} waiting`}>
            {pendingDecisions}
          </span>
        ),
      )}
      {tab('broadcast', 'Broadcast')}
      {tab('rooms', 'Rooms')}
      {tab('history', 'History')}
    </nav>
  );
}
