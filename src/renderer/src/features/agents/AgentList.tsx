import type { Agent } from '../../../../shared/domain';
import { LinkStateDot } from '../../ui/LinkStateDot';

interface AgentListProps {
  agents: Agent[];
  selectedId: string | null;
  onSelect(agentId: string): void;
}

/** Agents grouped by department, each with its link state. */
export function AgentList({ agents, selectedId, onSelect }: AgentListProps) {
  const departments = new Map<string, Agent[]>();
  for (const agent of [...agents].sort((a, b) => a.name.localeCompare(b.name))) {
    const group = departments.get(agent.department) ?? [];
    group.push(agent);
    departments.set(agent.department, group);
  }
  if (agents.length === 0) {
    return <p className="muted padded">No agents yet. Connect one below, or start with the demo fleet.</p>;
  }
  return (
    <nav aria-label="Agents">
      {[...departments.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([department, members]) => (
          <section key={department} className="agent-group">
            <h3>{department}</h3>
            <ul>
              {members.map((agent) => (
                <li key={agent.id}>
                  <button
                    type="button"
                    className={`agent-row${agent.id === selectedId ? ' selected' : ''}`}
                    onClick={() => onSelect(agent.id)}
                    data-agent-id={agent.id}
                    data-link-state={agent.linkState}
                  >
                    <LinkStateDot state={agent.linkState} />
                    <span className="agent-name">{agent.name}</span>
                    <span className="agent-role">{agent.role}</span>
                    {agent.workState && <span className="work-state">{agent.workState.replace('_', ' ')}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </nav>
  );
}
