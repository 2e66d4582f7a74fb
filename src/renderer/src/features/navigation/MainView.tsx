import type { Agent, AgentModeState, Decision, Endpoint } from '@shared/domain';
import { AgentWorkspace } from '../agents/AgentWorkspace';
import { AlertsInbox } from '../alerts/AlertsInbox';
import { BroadcastView } from '../broadcast/BroadcastView';
import { DecisionsQueue } from '../decisions/DecisionsQueue';
import { HistoryWorkspace } from '../history/HistoryWorkspace';
import { HomeView } from '../home/HomeView';
import { RoomsView } from '../rooms/RoomsView';
import type { Navigation } from './use-navigation';

/** The router: what the main pane shows for the current view. */
export function MainView({
  nav,
  agents,
  selected,
  endpoints,
  decisions,
  decisionsLoading = false,
  modes,
}: {
  nav: Navigation;
  agents: Agent[];
  selected: Agent | null;
  endpoints: Endpoint[];
  decisions: Decision[];
  decisionsLoading?: boolean;
  modes: ReadonlyMap<string, AgentModeState>;
}) {
  switch (nav.view) {
    case 'home':
      return <HomeView nav={nav} agents={agents} endpoints={endpoints} decisions={decisions} decisionsLoading={decisionsLoading} />;
    case 'alerts':
      return <AlertsInbox agents={agents} focusAlertId={nav.focusAlertId} />;
    case 'history':
      return <HistoryWorkspace agents={agents} />;
    case 'decisions':
      return <DecisionsQueue decisions={decisions} agents={agents} focusId={nav.focusDecisionId} />;
    case 'broadcast':
      return <BroadcastView agents={agents} />;
    case 'rooms':
      return <RoomsView agents={agents} />;
    case 'chat':
      return selected ? (
        <AgentWorkspace
          agent={selected}
          endpoint={endpoints.find((e) => e.id === selected.endpointId)}
          mode={modes.get(selected.id)}
          panel={nav.panel}
          onPanel={(panel, toggle) => (toggle ? nav.togglePanel(panel) : nav.showPanel(panel))}
        />
      ) : (
        <p className="muted padded">Waiting for agents to connect…</p>
      );
  }
}
