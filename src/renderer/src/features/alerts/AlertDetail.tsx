import { useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Alert, AlertTransition } from '@shared/domain';
import { api } from '../../lib/api';
import { useEvent } from '../../lib/use-query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatActor, formatFullTime, formatSeen, formatTime } from '../../ui/format';
import { RelativeTime } from '../../ui/RelativeTime';
import { useClock } from '../agents/use-clock';
import { AlertActions, type AlertAction } from './AlertActions';

const RULES: Record<string, string> = {
  agent_offline: 'agent offline',
  rtt_high: 'slow heartbeat',
  error_frames: 'bad frames',
  decision_waiting: 'decision waiting',
};

/** A transition's detail in words: a silence's ISO end time becomes local time. */
function detailText(t: AlertTransition): string | null {
  if (!t.detail) return null;
  return t.detail.replace(/\(until ([0-9T:.\-Z]+)\)/, (_, iso: string) => `until ${formatTime(Date.parse(iso))}`);
}

/** One alert: what it says, how often it repeated, its actions, and its timeline of transitions (who, when). */
export function AlertDetail({
  alert,
  agentName,
  names,
  onAction,
}: {
  alert: Alert;
  agentName: string;
  names: Map<string, string>;
  onAction(action: AlertAction): void;
}) {
  const [timeline, setTimeline] = useState<AlertTransition[]>([]);
  const now = useClock(15_000);
  const [error, setError] = useState<ApiError | null>(null);

  const [version, setVersion] = useState(0);
  // Re-read the timeline whenever the core says this alert changed (state, repeat, silence). Its props alone are not
  // enough: the inbox shows a held action as done before the core has it, so they may not change when the core does.
  useEvent('alert:changed', (changed) => {
    if (changed.id === alert.id) setVersion((v) => v + 1);
  });
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
  }, [alert.id, version]);

  return (
    <section className="alert-detail" aria-label="Alert detail">
      <h2>
        <span className={`severity severity-${alert.severity}`}>{alert.severity}</span> {alert.title}
      </h2>
      <p className="muted">
        {agentName} · {alert.source === 'rule' ? `console rule: ${RULES[alert.rule ?? ''] ?? alert.rule}` : 'raised by the agent'} · {alert.state}
        {alert.resolving ? ' (resolving)' : ''}
        {alert.silenced ? ' · silenced' : ''}
      </p>
      <AlertActions alert={alert} onAction={onAction} />
      {alert.body && <p>{alert.body}</p>}
      <p className="muted alert-seen" title={`First ${formatFullTime(alert.firstSeenAt)}, last ${formatFullTime(alert.lastSeenAt)}`}>
        {formatSeen(alert.count, alert.firstSeenAt, alert.lastSeenAt, now)}
      </p>
      <ErrorNotice error={error} />
      <h3>Timeline</h3>
      <ol className="timeline">
        {timeline.map((t, i) => (
          <li key={i} data-kind={t.kind}>
            <RelativeTime at={t.at} now={now} />{' '}
            <strong>{t.kind}</strong> by {formatActor(t.actor, (id) => names.get(id))}
            {detailText(t) ? `: ${detailText(t)}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
