import type { Agent } from '@shared/domain';

/** Shown at most: a longer list is for the roster's filters, not for ticking boxes. */
const MAX_LISTED = 300;

/** Agents by name, each with a checkbox: the recipients of a broadcast, the members of a room. */
export function AgentChecklist({
  agents,
  selected,
  onChange,
  className,
}: {
  agents: Agent[];
  selected: ReadonlySet<string>;
  onChange(next: Set<string>): void;
  className: string;
}) {
  return (
    <div className={className}>
      {agents
        .slice()
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, MAX_LISTED)
        .map((a) => (
          <label key={a.id}>
            <input
              type="checkbox"
              checked={selected.has(a.id)}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(a.id);
                else next.delete(a.id);
                onChange(next);
              }}
            />
            {a.name}
          </label>
        ))}
    </div>
  );
}
