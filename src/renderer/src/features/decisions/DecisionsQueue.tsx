import type { Agent, Decision } from '@shared/domain';
import type { ApiError } from '@shared/contract';
import { ViewState } from '../../ui/ViewState';
import { DecisionCard } from './DecisionCard';
import { DecisionPolicy } from './DecisionPolicy';
import './decisions.css';

/** The "needs you" queue (oldest waiting first) and the history of what was decided. */
export function DecisionsQueue({
  decisions,
  agents,
  focusId,
  loading = false,
  error = null,
}: {
  decisions: Decision[];
  agents: Agent[];
  focusId: string | null;
  loading?: boolean;
  error?: ApiError | null;
}) {
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const pending = decisions.filter((d) => d.state === 'pending').sort((a, b) => a.createdAt - b.createdAt);
  const history = decisions.filter((d) => d.state !== 'pending');
  return (
    <section className="decisions" aria-label="Decisions">
      <header className="alerts-toolbar">
        <h2>Needs you</h2>
        <span className="muted">{pending.length} waiting</span>
        <span className="muted keys">Alt+D: next decision · Ctrl/Cmd+K: palette</span>
      </header>
      <DecisionPolicy />
      <div className="decisions-body">
        {pending.length === 0 && (
          <ViewState
            what="decisions"
            loading={loading}
            error={error}
            empty
            emptyTitle="Nothing waits for you"
            emptyHint="When an agent proposes an action that needs your approval, it waits here with its reasoning and time left. Agents in semi-automatic or automatic mode may go ahead on their own."
          >
            {null}
          </ViewState>
        )}
        {pending.map((d) => (
          <DecisionCard key={`${d.agentId}:${d.id}`} decision={d} agentName={names.get(d.agentId) ?? d.agentId} focused={focusId === d.id} />
        ))}
        {history.length > 0 && <h3 className="decisions-history">History</h3>}
        {history.map((d) => (
          <DecisionCard key={`${d.agentId}:${d.id}`} decision={d} agentName={names.get(d.agentId) ?? d.agentId} />
        ))}
      </div>
    </section>
  );
}
