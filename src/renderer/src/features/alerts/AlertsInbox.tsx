import { useEffect, useMemo, useRef, useState } from 'react';
import type { Agent, Alert, AlertSeverity } from '@shared/domain';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ViewState } from '../../ui/ViewState';
import { formatFullTime, formatSeen } from '../../ui/format';
import { useClock } from '../agents/use-clock';
import { SelectAllBox } from '../../ui/SelectAllBox';
import { isTypingTarget } from '../../ui/typing-target';
import { useBulkSelection } from '../../ui/use-bulk-selection';
import { useUndoQueue } from '../../ui/UndoToast';
import { useViewKeys } from '../../ui/use-view-keys';
import { undoQueue } from '../../ui/undo-queue';
import { AlertActions, type AlertAction } from './AlertActions';
import { AlertDetail } from './AlertDetail';
import { actionLabel, applicable, commitOf, commitSilence, effectsOf, withHeld } from './alert-triage';
import { NotificationSettingsPanel } from './NotificationSettingsPanel';
import { SilenceForm } from './SilenceForm';
import { triageOrder, useAlerts } from './use-alerts';
import './alerts.css';

type StateFilter = 'open' | 'all' | 'resolved';

/**
 * The alerts inbox, triaged like an inbox: every row and the detail carry Acknowledge, Silence and Resolve; the keys
 * (j/k or arrows move, Enter opens the detail, x checks, a acknowledges, s silences, r resolves) work as soon as the
 * view is open; an action applies to the checked alerts, or else to the highlighted one, is held for Undo, and the
 * highlight moves on to the next alert; an alert that arrives never moves the highlight.
 */
export function AlertsInbox({ agents, focusAlertId }: { agents: Agent[]; focusAlertId: string | null }) {
  const { alerts: stored, error: loadError, loading } = useAlerts();
  // "3 min ago" moves on by itself; a coarse tick is enough for minutes.
  const now = useClock(15_000);
  const { held } = useUndoQueue();
  const [stateFilter, setStateFilter] = useState<StateFilter>('open');
  const [severity, setSeverity] = useState<AlertSeverity | 'any'>('any');
  const [agentFilter, setAgentFilter] = useState<string>('any');
  const [selectedId, setSelectedId] = useState<string | null>(focusAlertId);
  const [silencing, setSilencing] = useState<Alert[] | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const detail = useRef<HTMLDivElement>(null);
  const lastIndex = useRef(0);
  const view = useRef<HTMLElement>(null);
  const names = useMemo(() => new Map(agents.map((a) => [a.id, a.name])), [agents]);

  useEffect(() => {
    if (focusAlertId) setSelectedId(focusAlertId);
  }, [focusAlertId]);

  // Held actions show as done: an acknowledged alert sorts down, a resolved one leaves the open list.
  const alerts = useMemo(() => (held.length === 0 ? stored : stored.map((a) => withHeld(a, held))), [stored, held]);

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
  const visibleIds = useMemo(() => visible.map((a) => a.id), [visible]);
  const bulk = useBulkSelection(visibleIds);

  // The selection is an id, pinned as soon as there is something to select: a new alert sorting above it never
  // takes the highlight. Only when the selected alert leaves the list does the one now at its place take over.
  const index = visible.findIndex((a) => a.id === selectedId);
  if (index >= 0) lastIndex.current = index;
  const selected = index >= 0 ? visible[index]! : (visible[Math.min(lastIndex.current, visible.length - 1)] ?? null);
  useEffect(() => {
    if (selected && selected.id !== selectedId) setSelectedId(selected.id);
  }, [selected, selectedId]);

  const nameOf = (alert: Alert) => (alert.agentId ? (names.get(alert.agentId) ?? 'Unknown agent') : 'Console');

  /** The alert the highlight moves on to after acting on `acted`: the next one below not acted on, else above. */
  function nextAfter(acted: ReadonlySet<string>): Alert | null {
    const at = visible.findIndex((a) => a.id === selected?.id);
    return visible.slice(at + 1).find((a) => !acted.has(a.id)) ?? visible.slice(0, Math.max(0, at)).reverse().find((a) => !acted.has(a.id)) ?? null;
  }

  function select(alert: Alert | null) {
    if (!alert) return;
    setSelectedId(alert.id);
    requestAnimationFrame(() => list.current?.querySelector(`[data-alert-id="${CSS.escape(alert.id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  }

  /** The alerts an action means: the one whose button was pressed, else the checked ones, else the highlighted one. */
  function targetsFor(alert?: Alert): Alert[] {
    if (alert) return [alert];
    if (bulk.checked.size > 0) return visible.filter((a) => bulk.checked.has(a.id));
    return selected ? [selected] : [];
  }

  function act(action: AlertAction, alert?: Alert) {
    const targets = applicable(action, targetsFor(alert));
    if (targets.length === 0) return;
    if (action === 'silence') {
      setSilencing(targets);
      return;
    }
    hold(action, targets, commitOf(action, targets));
  }

  function hold(action: AlertAction, targets: Alert[], commit: Parameters<typeof undoQueue.hold>[2]) {
    const ids = new Set(targets.map((a) => a.id));
    // Acting on the highlighted alert moves on, the same way for every action: to the next alert below it.
    if (selected && ids.has(selected.id)) select(nextAfter(ids));
    undoQueue.hold(actionLabel(action, targets), effectsOf(action, targets), commit);
    bulk.clear();
  }

  function move(delta: number) {
    if (visible.length === 0) return;
    const at = Math.max(0, visible.findIndex((a) => a.id === selected?.id));
    select(visible[Math.min(visible.length - 1, Math.max(0, at + delta))] ?? null);
  }

  // Keys work as soon as the view is open, wherever the focus is, except while typing.
  useViewKeys(view, (event) => {
    if (event.defaultPrevented || silencing !== null || isTypingTarget(event.target)) return;
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
      case 'Enter':
        // A focused button's Enter is its own click.
        if (event.target instanceof HTMLButtonElement) return;
        detail.current?.focus();
        break;
      case 'x':
        if (selected) bulk.toggle(selected.id);
        break;
      case 'a':
        act('acknowledge');
        break;
      case 'r':
        act('resolve');
        break;
      case 's':
        act('silence');
        break;
      case 'Escape':
        if (!bulk.some) return;
        bulk.clear();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  const checkedAlerts = visible.filter((a) => bulk.checked.has(a.id));
  return (
    <section className="alerts" aria-label="Alerts" ref={view} tabIndex={-1}>
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
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>a</kbd> acknowledge · <kbd>s</kbd> silence · <kbd>r</kbd> resolve · <kbd>z</kbd> undo
        </span>
        <button type="button" className="link-button" aria-expanded={showSettings} onClick={() => setShowSettings((v) => !v)}>
          Notification settings
        </button>
      </header>
      <div className="bulk-bar" role="toolbar" aria-label="Bulk actions on alerts">
        <SelectAllBox selection={bulk} count={visible.length} noun="alerts" />
        {bulk.some ? (
          <>
            <span className="bulk-count">{checkedAlerts.length} selected</span>
            <button type="button" className="secondary" title="Acknowledge selected (a)" disabled={applicable('acknowledge', checkedAlerts).length === 0} onClick={() => act('acknowledge')}>
              Acknowledge selected
            </button>
            <button type="button" className="secondary" title="Silence selected (s)" disabled={applicable('silence', checkedAlerts).length === 0} onClick={() => act('silence')}>
              Silence selected…
            </button>
            <button type="button" className="secondary" title="Resolve selected (r)" disabled={applicable('resolve', checkedAlerts).length === 0} onClick={() => act('resolve')}>
              Resolve selected
            </button>
            <button type="button" className="link-button" title="Clear the selection (Esc)" onClick={bulk.clear}>
              Clear selection
            </button>
          </>
        ) : (
          <span className="muted">Check alerts (x, or shift-click for a range) to act on several at once.</span>
        )}
      </div>
      <ErrorNotice error={loadError} />
      <div className="alerts-body">
        <ul className="alert-list" ref={list} aria-label="Alert list" aria-keyshortcuts="j k x a s r">
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
                className={`alert-row state-${alert.state}${isSelected ? ' selected' : ''}${bulk.checked.has(alert.id) ? ' checked' : ''}`}
                onClick={() => setSelectedId(alert.id)}
              >
                <input
                  type="checkbox"
                  className="row-check"
                  aria-label={`Select ${alert.title}`}
                  checked={bulk.checked.has(alert.id)}
                  onClick={(e) => {
                    e.stopPropagation();
                    bulk.toggle(alert.id, e.shiftKey);
                  }}
                  onChange={() => {}}
                />
                <button type="button" className="alert-open" aria-pressed={isSelected} onClick={() => setSelectedId(alert.id)}>
                  <span className={`severity severity-${alert.severity}`}>{alert.severity}</span>
                  <span className="alert-title">{alert.title}</span>
                  <span className="muted alert-meta">
                    {nameOf(alert)} · {alert.state}
                    {alert.silenced ? ' · silenced' : ''} ·{' '}
                    <time dateTime={new Date(alert.lastSeenAt).toISOString()} title={formatFullTime(alert.lastSeenAt)}>
                      {formatSeen(alert.count, alert.firstSeenAt, alert.lastSeenAt, now)}
                    </time>
                  </span>
                </button>
                <AlertActions alert={alert} compact onAction={(action) => act(action, alert)} />
              </li>
            );
          })}
        </ul>
        <div className="alert-side" ref={detail} tabIndex={-1} aria-label="Selected alert">
          {showSettings && <NotificationSettingsPanel agents={agents} />}
          {silencing && (
            <SilenceForm
              alerts={silencing}
              agentName={nameOf(silencing[0]!)}
              onCancel={() => setSilencing(null)}
              onSilence={(request) => {
                setSilencing(null);
                hold('silence', silencing, commitSilence(request));
              }}
            />
          )}
          {selected && <AlertDetail alert={selected} agentName={nameOf(selected)} names={names} onAction={(action) => act(action, selected)} />}
        </div>
      </div>
    </section>
  );
}
