import { useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Alert, AlertTransition } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** One alert: what it says, how often it repeated, and its timeline of transitions (who, when). */
export function AlertDetail({ alert, agentName }: { alert: Alert; agentName: string | null }) {
  const [timeline, setTimeline] = useState<AlertTransition[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let alive = true;
    void api.alerts.get({ id: alert.id }).then((result) => {
      if (!alive) return;
      if (result.ok) setTimeline(result.value.timeline);
      else setError(result.error);
    });
    return () => {
      alive = false;
    };
    // Re-read the timeline whenever the alert changes state or repeats.
  }, [alert.id, alert.state, alert.count, alert.severity]);

  return (
    <section className="alert-detail" aria-label="Alert detail">
      <h2>
        <span className={`severity severity-${alert.severity}`}>{alert.severity}</span> {alert.title}
      </h2>
      <p className="muted">
        {agentName ?? 'Console'} · {alert.source === 'rule' ? `rule ${alert.rule}` : 'raised by the agent'} · {alert.state}
        {alert.resolving ? ' (resolving)' : ''}
        {alert.silenced ? ' · silenced' : ''}
      </p>
      {alert.body && <p>{alert.body}</p>}
      <p className="muted">
        Seen {alert.count} {alert.count === 1 ? 'time' : 'times'}: first {when.format(alert.firstSeenAt)}, last {when.format(alert.lastSeenAt)}
      </p>
      <ErrorNotice error={error} />
      <h3>Timeline</h3>
      <ol className="timeline">
        {timeline.map((t, i) => (
          <li key={i}>
            <time dateTime={new Date(t.at).toISOString()}>{when.format(t.at)}</time> <strong>{t.kind}</strong> by {t.actor}
            {t.detail ? ` (${t.detail})` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
