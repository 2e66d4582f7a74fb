import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent, Alert, AlertSeverity } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { AlertDetail } from './AlertDetail';
import { NotificationSettingsPanel } from './NotificationSettingsPanel';
import { SilenceForm } from './SilenceForm';
import { triageOrder, useAlerts } from './use-alerts';

type StateFilter = 'open' | 'all' | 'resolved';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The alerts inbox. Keyboard triage: j/k or arrows move, a acknowledges, s silences, r resolves. Filters by state,
 * severity and agent; grouped by agent in triage order.
 */
export function AlertsInbox({ agents, focusAlertId }: { agents: Agent[]; focusAlertId: string | null }) {
  const { alerts, error: loadError } = useAlerts();
  const [stateFilter, setStateFilter] = useState<StateFilter>('open');
  const [severity, setSeverity] = useState<AlertSeverity | 'any'>('any');
  const [agentFilter, setAgentFilter] = useState<string>('any');
  const [selectedId, setSelectedId] = useState<string | null>(focusAlertId);
  const [silencing, setSilencing] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const names = useMemo(() => new Map(agents.map((a) => [a.id, a.name])), [agents]);

  useEffect(() => {
    if (focusAlertId) setSelectedId(focusAlertId);
  }, [focusAlertId]);

  const visible = useMemo(() => {
    const filtered = alerts.filter(
      (a) =>
        (stateFilter === 'all' || (stateFilter === 'open' ? a.state !== 'resolved' : a.state === 'resolved')) &&
        (severity === 'any' || a.severity === severity) &&
        (agentFilter === 'any' || a.agentId === agentFilter),
    );
    // Group by agent (agents with the most urgent alert first), triage order inside each group.
    const groups = new Map<string, Alert[]>();
    for (const alert of filtered.sort(triageOrder)) {
      const key = alert.agentId ?? '';
      groups.set(key, [...(groups.get(key) ?? []), alert]);
    }
    return [...groups.values()].flat();
  }, [alerts, stateFilter, severity, agentFilter]);

  const selected = visible.find((a) => a.id === selectedId) ?? visible[0] ?? null;

  async function run(action: 'acknowledge' | 'resolve', alert: Alert | null) {
    if (!alert) return;
    const result = await api.alerts[action]({ id: alert.id });
    setError(result.ok ? null : result.error);
  }

  function move(delta: number) {
    if (visible.length === 0) return;
    const index = Math.max(0, visible.findIndex((a) => a.id === selected?.id));
    const next = visible[Math.min(visible.length - 1, Math.max(0, index + delta))];
    if (next) {
      setSelectedId(next.id);
      list.current?.querySelector(`[data-alert-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (silencing || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const handled = true;
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        move(1);
        break;
      case 'k':
      case 'ArrowUp':
        move(-1);
        break;
      case 'a':
        void run('acknowledge', selected);
        break;
      case 'r':
        void run('resolve', selected);
        break;
      case 's':
        if (selected) setSilencing(true);
        break;
      default:
        return;
    }
    if (handled) event.preventDefault();
  }

  return (
    <section className="alerts" aria-label="Alerts">
      <header className="alerts-toolbar">
        <h2>Alerts</h2>
        <select aria-label="State" value={stateFilter} onChange={(e) => setStateFilter(e.target.value as StateFilter)}>
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </select>
        <select aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as AlertSeverity | 'any')}>
          <option value="any">Any severity</option>
          <option value="critical">Critical</option>
          <option value="warning">Warning</option>
          <option value="info">Info</option>
        </select>
        <select aria-label="Agent" value={agentFilter} onChange={(e) => setAgentFilter(e.target.value)}>
          <option value="any">All agents</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <span className="muted keys">j/k move · a acknowledge · s silence · r resolve</span>
        <button type="button" className="link-button" aria-expanded={showSettings} onClick={() => setShowSettings((v) => !v)}>
          Notification settings
        </button>
      </header>
      <ErrorNotice error={loadError ?? error} onDismiss={() => setError(null)} />
      <div className="alerts-body">
        <div className="alert-list" ref={list} tabIndex={0} role="listbox" aria-label="Alert list" onKeyDown={onKeyDown}>
          {visible.length === 0 && <p className="muted padded">Nothing needs you right now.</p>}
          {visible.map((alert) => (
            <div
              key={alert.id}
              role="option"
              aria-selected={alert.id === selected?.id}
              data-alert-id={alert.id}
              data-state={alert.state}
              className={`alert-row state-${alert.state}${alert.id === selected?.id ? ' selected' : ''}`}
              onClick={() => setSelectedId(alert.id)}
            >
              <span className={`severity severity-${alert.severity}`}>{alert.severity}</span>
              <span className="alert-title">{alert.title}</span>
              {alert.count > 1 && <span className="alert-count">×{alert.count}</span>}
              <span className="muted alert-meta">
                {alert.agentId ? (names.get(alert.agentId) ?? alert.agentId) : 'Console'} · {alert.state}
                {alert.silenced ? ' · silenced' : ''} · {timeFormat.format(alert.lastSeenAt)}
              </span>
            </div>
          ))}
        </div>
        <div className="alert-side">
          {showSettings && <NotificationSettingsPanel agents={agents} />}
          {selected && silencing && (
            <SilenceForm
              alert={selected}
              onDone={() => {
                setSilencing(false);
                list.current?.focus();
              }}
            />
          )}
          {selected && (
            <AlertDetail alert={selected} agentName={selected.agentId ? (names.get(selected.agentId) ?? selected.agentId) : null} />
          )}
        </div>
      </div>
    </section>
  );
}
