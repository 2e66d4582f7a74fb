import type { Agent, Decision } from '@shared/domain';
import { DecisionCard } from './DecisionCard';
import './decisions.css';

/** The "needs you" queue (oldest waiting first) and the history of what was decided. */
export function DecisionsQueue({ decisions, agents, focusId }: { decisions: Decision[]; agents: Agent[]; focusId: string | null }) {
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
      <div className="decisions-body">
        {pending.length === 0 && <p className="muted empty">Nothing waits for you.</p>}
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
