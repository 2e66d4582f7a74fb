import { useMemo } from 'react';
import { directConversationId } from '@shared/domain';
import { EndpointManager } from './features/agents/EndpointManager';
import { useAgents } from './features/agents/use-agents';
import { useEndpoints } from './features/agents/use-endpoints';
import { EnableNotificationsButton } from './features/attention/EnableNotificationsButton';
import { useAttention } from './features/attention/use-attention';
import { heldOutcome } from './features/decisions/decision-triage';
import { pendingDecisions } from './features/decisions/pending';
import { useDecisions } from './features/decisions/use-decisions';
import { useModes } from './features/decisions/use-modes';
import { MainView } from './features/navigation/MainView';
import { useNavigation } from './features/navigation/use-navigation';
import { useShortcuts } from './features/navigation/use-shortcuts';
import { useTriage } from './features/navigation/use-triage';
import { ViewTabs } from './features/navigation/ViewTabs';
import { CommandPalette } from './features/palette/CommandPalette';
import { Tour } from './features/tour/Tour';
import { usePaletteItems } from './features/palette/use-palette-items';
import { Roster } from './features/roster/Roster';
import { useUnread } from './features/roster/use-unread';
import { ShortcutSheetHost } from './features/shortcuts/ShortcutSheetHost';
import { ConnectionBanner } from './ui/ConnectionBanner';
import { ErrorNotice } from './ui/ErrorNotice';
import { UndoToast, useUndoQueue } from './ui/UndoToast';
import { ThemeToggle } from './ui/ThemeToggle';

/** Composition only: the data hooks, navigation, and the layout that wires them to the views. */
export function App() {
  const nav = useNavigation();
  const { agents, error } = useAgents();
  const { endpoints } = useEndpoints();
  const { decisions, loading: decisionsLoading, error: decisionsError } = useDecisions();
  const modes = useModes();
  // Until the operator picks one, show the first agent so the app opens on a conversation, not an empty pane.
  const selected = agents.find((a) => a.id === nav.selectedId) ?? agents[0] ?? null;
  const conversationOnScreen = nav.view === 'chat' && selected ? directConversationId(selected.id) : null;
  const { unread, order } = useUnread(conversationOnScreen);
  // An answer waiting for its Undo time counts as given: badges, Alt+D and the palette move past it.
  const { held } = useUndoQueue();
  const { pending, byAgent: pendingByAgent } = useMemo(
    () => pendingDecisions(held.length === 0 ? decisions : decisions.filter((d) => heldOutcome(d, held) === null)),
    [decisions, held],
  );
  const modeByAgent = useMemo(() => new Map([...modes].map(([id, m]) => [id, m.mode])), [modes]);
  const counts = useAttention(conversationOnScreen, nav.open);
  const { nextDecision, nextUnread } = useTriage(nav, pending, order, selected);
  useShortcuts({ togglePalette: nav.togglePalette, nextDecision, nextUnread });
  const paletteActions = useMemo(() => ({ ...nav, nextDecision, nextUnread }), [nav, nextDecision, nextUnread]);
  const paletteItems = usePaletteItems({ open: nav.paletteOpen, agents, decisions: pending, selected, actions: paletteActions });

  return (
    <div className="app">
      <ConnectionBanner />
      <ShortcutSheetHost />
      <aside className="sidebar">
        <header className="brand">
          <h1>Twin Console</h1>
          <ThemeToggle />
          <button type="button" className="palette-hint-button" onClick={() => nav.setPaletteOpen(true)} aria-label="Open command palette, Ctrl K">
            Ctrl K
          </button>
        </header>
        <ViewTabs view={nav.view} onView={nav.setView} counts={counts} pendingDecisions={pending.length} />
        <ErrorNotice error={error} />
        <Roster
          agents={agents}
          selectedId={nav.view === 'chat' ? (selected?.id ?? null) : null}
          onSelect={nav.selectAgent}
          unread={unread}
          pendingByAgent={pendingByAgent}
          modes={modeByAgent}
        />
        <EnableNotificationsButton />
        <EndpointManager endpoints={endpoints} agents={agents} />
      </aside>
      <main className="main">
        <MainView nav={nav} agents={agents} selected={selected} endpoints={endpoints} decisions={decisions} decisionsLoading={decisionsLoading} decisionsError={decisionsError} agentsError={error} modes={modes} />
      </main>
      <Tour setView={nav.setView} />
      {nav.paletteOpen && <CommandPalette items={paletteItems} onClose={() => nav.setPaletteOpen(false)} />}
      <UndoToast />
    </div>
  );
}
