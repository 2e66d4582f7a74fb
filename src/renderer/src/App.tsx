import { useState } from 'react';
import { AgentList } from './features/agents/AgentList';
import { useAgents } from './features/agents/use-agents';
import { ConversationView } from './features/conversations/ConversationView';
import { ConnectAgentForm } from './features/endpoints/ConnectAgentForm';
import { HistoryWorkspace } from './features/history/HistoryWorkspace';
import { ErrorNotice } from './ui/ErrorNotice';

export function App() {
  const { agents, error } = useAgents();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  // Until the operator picks one, show the first agent so the app opens on a conversation, not an empty pane.
  const selected = agents.find((a) => a.id === selectedId) ?? agents[0] ?? null;

  return (
    <div className="app">
      <aside className="sidebar">
        <header className="brand">
          <h1>Twin Console</h1>
        </header>
        <nav className="sidebar-nav" aria-label="Views">
          <button type="button" aria-pressed={!showHistory} onClick={() => setShowHistory(false)}>
            Chat
          </button>
          <button type="button" aria-pressed={showHistory} onClick={() => setShowHistory(true)}>
            History
          </button>
        </nav>
        <ErrorNotice error={error} />
        <div className="sidebar-scroll">
          <AgentList
            agents={agents}
            selectedId={selected?.id ?? null}
            onSelect={(id) => {
              setSelectedId(id);
              setShowHistory(false);
            }}
          />
        </div>
        <ConnectAgentForm />
      </aside>
      <main className="main">
        {showHistory ? (
          <HistoryWorkspace agents={agents} />
        ) : selected ? (
          <ConversationView key={selected.id} agent={selected} />
        ) : (
          <p className="muted padded">Waiting for agents to connect…</p>
        )}
      </main>
    </div>
  );
}
