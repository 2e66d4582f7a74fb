import type { ApiError } from '@shared/contract';
import type { Agent, AgentModeState, Decision, Endpoint } from '@shared/domain';
import { ViewState } from '../../ui/ViewState';
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
  decisionsError = null,
  agentsError = null,
  modes,
}: {
  nav: Navigation;
  agents: Agent[];
  selected: Agent | null;
  endpoints: Endpoint[];
  decisions: Decision[];
  decisionsLoading?: boolean;
  decisionsError?: ApiError | null;
  agentsError?: ApiError | null;
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
      return <DecisionsQueue decisions={decisions} agents={agents} focusId={nav.focusDecisionId} loading={decisionsLoading} error={decisionsError} />;
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
        <ViewState
          what="agents"
          error={agentsError}
          empty
          emptyTitle="Waiting for agents to connect…"
          emptyHint="Agents appear in the roster as soon as they say hello. Add an agent's address under Connections at the bottom left."
        >
          {null}
        </ViewState>
      );
  }
}
