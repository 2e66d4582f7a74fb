import type { Agent, AgentModeState, Endpoint } from '@shared/domain';
import { IntentComposer } from '../composer/IntentComposer';
import { ConversationView } from '../conversations/ConversationView';
import { ModeSelector } from '../decisions/ModeSelector';
import { MetricsPanel } from '../metrics/MetricsPanel';
import type { Panel } from '../navigation/navigation';
import { AgentDetail } from './AgentDetail';

/** The chat view of one agent: its link, its mode and panels, and the conversation. */
export function AgentWorkspace({
  agent,
  endpoint,
  mode,
  panel,
  onPanel,
}: {
  agent: Agent;
  endpoint: Endpoint | undefined;
  mode: AgentModeState | undefined;
  panel: Panel;
  onPanel(panel: Panel, toggle?: boolean): void;
}) {
  return (
    <ConversationView
      key={agent.id}
      agent={agent}
      headerDetail={({ queued }) => <AgentDetail agent={agent} endpoint={endpoint} queued={queued} />}
      toolbar={
        <>
          <div className="agent-ops-bar">
            <ModeSelector agentId={agent.id} state={mode} />
            <button type="button" className={`link-button${panel === 'request' ? ' active' : ''}`} onClick={() => onPanel('request', true)}>
              Structured request
            </button>
            <button type="button" className={`link-button${panel === 'metrics' ? ' active' : ''}`} onClick={() => onPanel('metrics', true)}>
              Metrics
            </button>
          </div>
          {panel === 'request' && <IntentComposer key={`request:${agent.id}`} agent={agent} onClose={() => onPanel('none')} />}
          {panel === 'metrics' && <MetricsPanel key={`metrics:${agent.id}`} agentId={agent.id} />}
        </>
      }
    />
  );
}
