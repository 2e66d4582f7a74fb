import { useCallback, useState } from 'react';
import { directConversationId } from '../../shared/domain';
import { AgentDetail } from './features/agents/AgentDetail';
import { AgentList } from './features/agents/AgentList';
import { EndpointManager } from './features/agents/EndpointManager';
import { useAgents } from './features/agents/use-agents';
import { useEndpoints } from './features/agents/use-endpoints';
import { AlertsInbox } from './features/alerts/AlertsInbox';
import { EnableNotificationsButton } from './features/attention/EnableNotificationsButton';
import { type OpenTarget, useAttention } from './features/attention/use-attention';
import { ConversationView } from './features/conversations/ConversationView';
import { HistoryWorkspace } from './features/history/HistoryWorkspace';
import { ErrorNotice } from './ui/ErrorNotice';

type View = 'chat' | 'alerts' | 'history';

export function App() {
  const { agents, error } = useAgents();
  const { endpoints } = useEndpoints();
  const [view, setView] = useState<View>('chat');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusAlertId, setFocusAlertId] = useState<string | null>(null);
  // Until the operator picks one, show the first agent so the app opens on a conversation, not an empty pane.
  const selected = agents.find((a) => a.id === selectedId) ?? agents[0] ?? null;
  const conversationOnScreen = view === 'chat' && selected ? directConversationId(selected.id) : null;

  const open = useCallback((target: OpenTarget) => {
    if (target.kind === 'alert') {
      setFocusAlertId(target.id);
      setView('alerts');
    } else if (target.id.startsWith('direct:')) {
      setSelectedId(target.id.slice('direct:'.length));
      setView('chat');
    }
  }, []);
  const counts = useAttention(conversationOnScreen, open);

  return (
    <div className="app">
      <aside className="sidebar">
        <header className="brand">
          <h1>Twin Console</h1>
        </header>
        <nav className="views" aria-label="Views">
          <button type="button" aria-pressed={view === 'chat'} className={view === 'chat' ? 'active' : ''} onClick={() => setView('chat')}>
            Chat
          </button>
          <button type="button" aria-pressed={view === 'alerts'} className={view === 'alerts' ? 'active' : ''} onClick={() => setView('alerts')}>
            Alerts
            {counts && counts.firingAlerts > 0 && (
              <span className={`badge${counts.criticalAlerts > 0 ? ' badge-critical' : ''}`} aria-label={`${counts.firingAlerts} firing`}>
                {counts.firingAlerts}
              </span>
            )}
          </button>
          <button type="button" aria-pressed={view === 'history'} className={view === 'history' ? 'active' : ''} onClick={() => setView('history')}>
            History
          </button>
        </nav>
        <ErrorNotice error={error} />
        <div className="sidebar-scroll">
          <AgentList
            agents={agents}
            selectedId={view === 'chat' ? (selected?.id ?? null) : null}
            onSelect={(id) => {
              setSelectedId(id);
              setView('chat');
            }}
          />
        </div>
        <EnableNotificationsButton />
        <EndpointManager endpoints={endpoints} />
      </aside>
      <main className="main">
        {view === 'alerts' ? (
          <AlertsInbox agents={agents} focusAlertId={focusAlertId} />
        ) : view === 'history' ? (
          <HistoryWorkspace agents={agents} />
        ) : selected ? (
          <>
            <AgentDetail agent={selected} endpoint={endpoints.find((e) => e.id === selected.endpointId)} />
            <ConversationView key={selected.id} agent={selected} />
          </>
        ) : (
          <p className="muted padded">Waiting for agents to connect…</p>
        )}
      </main>
    </div>
  );
}
