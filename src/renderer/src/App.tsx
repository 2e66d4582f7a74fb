import { useState } from 'react';
import { AgentDetail } from './features/agents/AgentDetail';
import { AgentList } from './features/agents/AgentList';
import { EndpointManager } from './features/agents/EndpointManager';
import { useAgents } from './features/agents/use-agents';
import { useEndpoints } from './features/agents/use-endpoints';
import { ConversationView } from './features/conversations/ConversationView';
import { ErrorNotice } from './ui/ErrorNotice';

export function App() {
  const { agents, error } = useAgents();
  const { endpoints } = useEndpoints();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Until the operator picks one, show the first agent so the app opens on a conversation, not an empty pane.
  const selected = agents.find((a) => a.id === selectedId) ?? agents[0] ?? null;

  return (
    <div className="app">
      <aside className="sidebar">
        <header className="brand">
          <h1>Twin Console</h1>
        </header>
        <ErrorNotice error={error} />
        <div className="sidebar-scroll">
          <AgentList agents={agents} selectedId={selected?.id ?? null} onSelect={setSelectedId} />
        </div>
        <EndpointManager endpoints={endpoints} />
      </aside>
      <main className="main">
        {selected ? (
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
