import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent, Alert, AlertSeverity } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ViewState } from '../../ui/ViewState';
import { formatTime } from '../../ui/format';
import { AlertActions, type AlertAction } from './AlertActions';
import { AlertDetail } from './AlertDetail';
import { NotificationSettingsPanel } from './NotificationSettingsPanel';
import { SilenceForm } from './SilenceForm';
import { triageOrder, useAlerts } from './use-alerts';
import { isTypingTarget } from './typing-target';

type StateFilter = 'open' | 'all' | 'resolved';

/**
 * The alerts inbox, triaged like an inbox: every row and the detail carry Acknowledge, Silence and Resolve; the keys
 * (j/k or arrows move, a acknowledges, s silences, r resolves) work as soon as the view is open; after an action the
 * selection moves on to the next alert, and an alert that arrives never moves the selection.
 */
export function AlertsInbox({ agents, focusAlertId }: { agents: Agent[]; focusAlertId: string | null }) {
  const { alerts, error: loadError, loading } = useAlerts();
  const [stateFilter, setStateFilter] = useState<StateFilter>('open');
  const [severity, setSeverity] = useState<AlertSeverity | 'any'>('any');
  const [agentFilter, setAgentFilter] = useState<string>('any');
  const [selectedId, setSelectedId] = useState<string | null>(focusAlertId);
  const [silencingId, setSilencingId] = useState<string | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const lastIndex = useRef(0);
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

  // The selection is an id, pinned as soon as there is something to select: a new alert sorting above it never
  // takes the highlight. Only when the selected alert leaves the list does the one now at its place take over.
  const index = visible.findIndex((a) => a.id === selectedId);
  if (index >= 0) lastIndex.current = index;
  const selected = index >= 0 ? visible[index]! : (visible[Math.min(lastIndex.current, visible.length - 1)] ?? null);
  useEffect(() => {
    if (selected && selected.id !== selectedId) setSelectedId(selected.id);
  }, [selected, selectedId]);

  const nameOf = (alert: Alert) => (alert.agentId ? (names.get(alert.agentId) ?? 'Unknown agent') : 'Console');

  /** The alert an action moves on to: the next one below, else the one above. */
  function nextAfter(alert: Alert): Alert | null {
    const at = visible.findIndex((a) => a.id === alert.id);
    return visible[at + 1] ?? visible[at - 1] ?? null;
  }

  function select(alert: Alert | null) {
    if (!alert) return;
    setSelectedId(alert.id);
    requestAnimationFrame(() => list.current?.querySelector(`[data-alert-id="${CSS.escape(alert.id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  }

  async function act(action: AlertAction, alert: Alert | null) {
    if (!alert) return;
    if (action === 'silence') {
      select(alert);
      setSilencingId(alert.id);
      return;
    }
    if (action === 'acknowledge' && alert.state !== 'firing') return;
    if (action === 'resolve' && alert.state === 'resolved') return;
    const next = nextAfter(alert);
    const wasSelected = alert.id === selected?.id;
    const result = await api.alerts[action]({ id: alert.id });
    setError(result.ok ? null : result.error);
    // Acting on the selected alert moves on, the same way for every action: to the alert that was below it. A button
    // in another row leaves the selection where it is.
    if (result.ok && wasSelected) select(next ?? alert);
  }

  function move(delta: number) {
    if (visible.length === 0) return;
    const at = Math.max(0, visible.findIndex((a) => a.id === selected?.id));
    select(visible[Math.min(visible.length - 1, Math.max(0, at + delta))] ?? null);
  }

  // Keys work as soon as the view is open, wherever the focus is, except while typing.
  const keys = useRef<(event: KeyboardEvent) => void>(() => {});
  keys.current = (event) => {
    if (event.defaultPrevented || silencingId !== null || isTypingTarget(event.target)) return;
    if (event.metaKey || event.ctrlKey || event.altKey) return;
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
        void act('acknowledge', selected);
        break;
      case 'r':
        void act('resolve', selected);
        break;
      case 's':
        void act('silence', selected);
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => keys.current(event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const silencing = visible.find((a) => a.id === silencingId) ?? null;

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
        <span className="muted keys" aria-hidden="true">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> acknowledge · <kbd>s</kbd> silence · <kbd>r</kbd> resolve
        </span>
        <button type="button" className="link-button" aria-expanded={showSettings} onClick={() => setShowSettings((v) => !v)}>
          Notification settings
        </button>
      </header>
      <ErrorNotice error={visible.length === 0 ? error : (loadError ?? error)} onDismiss={() => setError(null)} />
      <div className="alerts-body">
        <ul className="alert-list" ref={list} aria-label="Alert list" aria-keyshortcuts="j k a s r">
          {visible.length === 0 && (
            <li>
              <ViewState
                what="alerts"
                loading={loading}
                error={loadError}
                empty
                emptyTitle="Nothing needs you right now"
                emptyHint={`New alerts appear here as agents raise them.${stateFilter !== 'open' || severity !== 'any' || agentFilter !== 'any' ? ' Widen the filters above to see more.' : ''}`}
              >
                {null}
              </ViewState>
            </li>
          )}
          {visible.map((alert) => {
            const isSelected = alert.id === selected?.id;
            return (
              <li
                key={alert.id}
                aria-current={isSelected ? 'true' : undefined}
                data-alert-id={alert.id}
                data-state={alert.state}
                className={`alert-row state-${alert.state}${isSelected ? ' selected' : ''}`}
                onClick={() => setSelectedId(alert.id)}
              >
                <button type="button" className="alert-open" aria-pressed={isSelected} onClick={() => setSelectedId(alert.id)}>
                  <span className={`severity severity-${alert.severity}`}>{alert.severity}</span>
                  <span className="alert-title">{alert.title}</span>
                  {alert.count > 1 && <span className="alert-count">×{alert.count}</span>}
                  <span className="muted alert-meta">
                    {nameOf(alert)} · {alert.state}
                    {alert.silenced ? ' · silenced' : ''} · {formatTime(alert.lastSeenAt)}
                  </span>
                </button>
                <AlertActions alert={alert} compact onAction={(action) => void act(action, alert)} />
              </li>
            );
          })}
        </ul>
        <div className="alert-side">
          {showSettings && <NotificationSettingsPanel agents={agents} />}
          {silencing && (
            <SilenceForm
              alert={silencing}
              agentName={nameOf(silencing)}
              onDone={(silenced) => {
                setSilencingId(null);
                if (silenced && silencing.id === selected?.id) select(nextAfter(silencing) ?? silencing);
              }}
            />
          )}
          {selected && (
            <AlertDetail alert={selected} agentName={nameOf(selected)} names={names} onAction={(action) => void act(action, selected)} />
          )}
        </div>
      </div>
    </section>
  );
}
