import { useCallback, useEffect, useMemo, useState } from 'react';
import { directConversationId } from '../../shared/domain';
import { AgentDetail } from './features/agents/AgentDetail';
import { EndpointManager } from './features/agents/EndpointManager';
import { useAgents } from './features/agents/use-agents';
import { useEndpoints } from './features/agents/use-endpoints';
import { AlertsInbox } from './features/alerts/AlertsInbox';
import { EnableNotificationsButton } from './features/attention/EnableNotificationsButton';
import { type OpenTarget, useAttention } from './features/attention/use-attention';
import { BroadcastView } from './features/broadcast/BroadcastView';
import { IntentComposer } from './features/composer/IntentComposer';
import { ConversationView } from './features/conversations/ConversationView';
import { HistoryWorkspace } from './features/history/HistoryWorkspace';
import { DecisionsQueue } from './features/decisions/DecisionsQueue';
import { ModeSelector } from './features/decisions/ModeSelector';
import { useDecisions } from './features/decisions/use-decisions';
import { useModes } from './features/decisions/use-modes';
import { MetricsPanel } from './features/metrics/MetricsPanel';
import { CommandPalette } from './features/palette/CommandPalette';
import { usePaletteItems } from './features/palette/use-palette-items';
import { RoomsView } from './features/rooms/RoomsView';
import { Roster } from './features/roster/Roster';
import { useUnread } from './features/roster/use-unread';
import { ErrorNotice } from './ui/ErrorNotice';
import { useFirstScreen } from './ui/use-first-screen';

export type View = 'chat' | 'alerts' | 'decisions' | 'broadcast' | 'rooms' | 'history';

export function App() {
  const { agents, error } = useAgents();
  const { endpoints } = useEndpoints();
  const [view, setView] = useState<View>('chat');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusAlertId, setFocusAlertId] = useState<string | null>(null);
  const [focusDecisionId, setFocusDecisionId] = useState<string | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [panel, setPanel] = useState<'none' | 'request' | 'metrics'>('none');
  // Until the operator picks one, show the first agent so the app opens on a conversation, not an empty pane.
  const selected = agents.find((a) => a.id === selectedId) ?? agents[0] ?? null;
  const conversationOnScreen = view === 'chat' && selected ? directConversationId(selected.id) : null;
  const { decisions } = useDecisions();
  const modes = useModes();
  const { unread, order } = useUnread(conversationOnScreen);
  const pending = useMemo(() => decisions.filter((d) => d.state === 'pending').sort((a, b) => a.createdAt - b.createdAt), [decisions]);
  const pendingByAgent = useMemo(() => {
    const map = new Map<string, number>();
    for (const d of pending) map.set(d.agentId, (map.get(d.agentId) ?? 0) + 1);
    return map;
  }, [pending]);
  const modeByAgent = useMemo(() => new Map([...modes].map(([id, m]) => [id, m.mode])), [modes]);

  const open = useCallback((target: OpenTarget) => {
    if (target.kind === 'alert') {
      setFocusAlertId(target.id);
      setView('alerts');
    } else if (target.id.startsWith('direct:')) {
      setSelectedId(target.id.slice('direct:'.length));
      setView('chat');
    } else if (target.id.startsWith('room:')) {
      setView('rooms');
    }
  }, []);
  const counts = useAttention(conversationOnScreen, open);
  useFirstScreen({ counts, view, go: setView });

  const selectAgent = useCallback((id: string) => {
    setSelectedId(id);
    setView('chat');
  }, []);
  const nextDecision = useCallback(() => {
    const current = pending.findIndex((d) => d.id === focusDecisionId);
    const next = pending[(current + 1) % Math.max(1, pending.length)];
    setView('decisions');
    setFocusDecisionId(next?.id ?? null);
    if (next) requestAnimationFrame(() => document.querySelector(`[data-decision-id="${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  }, [pending, focusDecisionId]);
  const nextUnread = useCallback(() => {
    const next = order.find((id) => id !== selected?.id) ?? order[0];
    if (next) selectAgent(next);
  }, [order, selected, selectAgent]);

  const paletteItems = usePaletteItems({
    open: paletteOpen,
    agents,
    decisions: pending,
    selected,
    actions: { selectAgent, setView, open, nextDecision, nextUnread, setFocusDecisionId, showPanel: setPanel },
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen((o) => !o);
      } else if (event.altKey && event.code === 'KeyD') {
        event.preventDefault();
        nextDecision();
      } else if (event.altKey && event.code === 'KeyN') {
        event.preventDefault();
        nextUnread();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nextDecision, nextUnread]);

  const tab = (id: View, label: string, badge?: React.ReactNode) => (
    <button type="button" aria-pressed={view === id} className={view === id ? 'active' : ''} onClick={() => setView(id)}>
      {label}
      {badge}
    </button>
  );

  return (
    <div className="app">
      <aside className="sidebar">
        <header className="brand">
          <h1>Twin Console</h1>
          <button type="button" className="palette-hint-button" onClick={() => setPaletteOpen(true)} aria-label="Open command palette">
            Ctrl K
          </button>
        </header>
        <nav className="views views-ops" aria-label="Views">
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
            pending.length > 0 && (
              <span className="badge badge-decision" aria-label={`${pending.length} ${pending.length === 1 ? 'decision' : 'decisions'} waiting`}>
                {pending.length}
              </span>
            ),
          )}
          {tab('broadcast', 'Broadcast')}
          {tab('rooms', 'Rooms')}
          {tab('history', 'History')}
        </nav>
        <ErrorNotice error={error} />
        <Roster
          agents={agents}
          selectedId={view === 'chat' ? (selected?.id ?? null) : null}
          onSelect={selectAgent}
          unread={unread}
          pendingByAgent={pendingByAgent}
          modes={modeByAgent}
        />
        <EnableNotificationsButton />
        <EndpointManager endpoints={endpoints} />
      </aside>
      <main className="main">
        {view === 'alerts' ? (
          <AlertsInbox agents={agents} focusAlertId={focusAlertId} />
        ) : view === 'history' ? (
          <HistoryWorkspace agents={agents} />
        ) : view === 'decisions' ? (
          <DecisionsQueue decisions={decisions} agents={agents} focusId={focusDecisionId} />
        ) : view === 'broadcast' ? (
          <BroadcastView agents={agents} />
        ) : view === 'rooms' ? (
          <RoomsView agents={agents} />
        ) : selected ? (
          <>
            <AgentDetail agent={selected} endpoint={endpoints.find((e) => e.id === selected.endpointId)} />
            <div className="agent-ops-bar">
              <ModeSelector agentId={selected.id} state={modes.get(selected.id)} />
              <button type="button" className={`link-button${panel === 'request' ? ' active' : ''}`} onClick={() => setPanel((p) => (p === 'request' ? 'none' : 'request'))}>
                Structured request
              </button>
              <button type="button" className={`link-button${panel === 'metrics' ? ' active' : ''}`} onClick={() => setPanel((p) => (p === 'metrics' ? 'none' : 'metrics'))}>
                Metrics
              </button>
            </div>
            {panel === 'request' && <IntentComposer key={`request:${selected.id}`} agent={selected} onClose={() => setPanel('none')} />}
            {panel === 'metrics' && <MetricsPanel key={`metrics:${selected.id}`} agentId={selected.id} />}
            <ConversationView key={selected.id} agent={selected} />
          </>
        ) : (
          <p className="muted padded">Waiting for agents to connect…</p>
        )}
      </main>
      {paletteOpen && <CommandPalette items={paletteItems} onClose={() => setPaletteOpen(false)} />}
    </div>
  );
}
