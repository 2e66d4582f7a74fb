import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Agent, AgentMode } from '@shared/domain';
import { LinkStateDot } from '../../ui/LinkStateDot';
import { linkStatusOf } from '../../ui/link-status';
import './roster.css';
import { EMPTY_FILTER, filterOptions, type RosterFilter, type RosterRow, rosterRows, sortAgents } from './roster-filter';

const HEIGHT: Record<RosterRow['kind'], number> = { department: 30, role: 22, agent: 42 };
const MODE_LABEL: Record<AgentMode, string> = { manual: '', semi_auto: 'semi', auto: 'auto' };

interface RosterProps {
  agents: Agent[];
  selectedId: string | null;
  onSelect(agentId: string): void;
  unread: ReadonlyMap<string, number>;
  pendingByAgent: ReadonlyMap<string, number>;
  modes: ReadonlyMap<string, AgentMode>;
}

/**
 * The agent roster: grouped by department and role, filtered by role, department, capability, intent, online and
 * free text, with live work state, RTT, mode, unread and waiting decisions. Only the rows on screen are in the DOM,
 * so a filter change at 10,000 agents is one cheap pass over an array and a screenful of rows.
 *
 * One tab stop: the list is a listbox that keeps the focus itself and points at its active agent with
 * aria-activedescendant (a focused row would be unmounted when the virtual list scrolls it away). Up/Down/Home/End
 * move, Enter or Space opens.
 */
export function Roster({ agents, selectedId, onSelect, unread, pendingByAgent, modes }: RosterProps) {
  const [filter, setFilter] = useState<RosterFilter>(EMPTY_FILTER);
  const sorted = useMemo(() => sortAgents(agents), [agents]);
  const options = useMemo(() => filterOptions(agents), [agents]);
  const rows = useMemo(() => rosterRows(sorted, filter), [sorted, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  // Row heights are fixed by kind, so offsets come from the sizes, not from measuring rows.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => HEIGHT[rows[index]!.kind],
    getItemKey: (index) => rows[index]!.key,
    overscan: 8,
    initialRect: { width: 0, height: 600 },
    // Scroll-driven updates need not be synchronous here: rows are fixed-height, so nothing is measured.
    useFlushSync: false,
  });
  const visible = virtualizer.getVirtualItems();
  const agentIndexes = useMemo(() => rows.flatMap((row, index) => (row.kind === 'agent' ? [index] : [])), [rows]);
  const shown = agentIndexes.length;
  const [activeId, setActiveId] = useState<string | null>(null);
  // The active row: the one the keys moved to, else the open agent, else the first, among the rows shown now.
  const activeIndex = useMemo(() => {
    for (const id of [activeId, selectedId]) {
      const index = id === null ? -1 : rows.findIndex((row) => row.kind === 'agent' && row.agent.id === id);
      if (index !== -1) return index;
    }
    return agentIndexes[0] ?? -1;
  }, [rows, activeId, selectedId, agentIndexes]);
  const activeRow = rows[activeIndex];
  const activeAgent = activeRow?.kind === 'agent' ? activeRow.agent : null;

  function onListKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const position = agentIndexes.indexOf(activeIndex);
    const target =
      event.key === 'ArrowDown'
        ? agentIndexes[Math.min(agentIndexes.length - 1, position + 1)]
        : event.key === 'ArrowUp'
          ? agentIndexes[Math.max(0, position - 1)]
          : event.key === 'Home'
            ? agentIndexes[0]
            : event.key === 'End'
              ? agentIndexes.at(-1)
              : undefined;
    if (target !== undefined) {
      event.preventDefault();
      const row = rows[target]!;
      if (row.kind === 'agent') setActiveId(row.agent.id);
      // Home goes to the very top, so its department heading shows too.
      virtualizer.scrollToIndex(event.key === 'Home' ? 0 : target, { align: 'auto' });
    } else if ((event.key === 'Enter' || event.key === ' ') && activeAgent) {
      event.preventDefault();
      onSelect(activeAgent.id);
    }
  }

  // A new filter starts at the top: the old scroll position means nothing in a different list.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [filter]);

  const set = <K extends keyof RosterFilter>(key: K, value: RosterFilter[K]) => setFilter((f) => ({ ...f, [key]: value }));
  const filtered = JSON.stringify(filter) !== JSON.stringify(EMPTY_FILTER);

  return (
    <div className="roster" data-filter={filter.text}>
      <div className="roster-filters" role="search" aria-label="Filter agents">
        <input
          type="search"
          aria-label="Search agents"
          placeholder="Search agents…"
          value={filter.text}
          onChange={(e) => set('text', e.target.value)}
        />
        <div className="roster-selects">
          <select aria-label="Department" value={filter.department} onChange={(e) => set('department', e.target.value)}>
            <option value="">All departments</option>
            {options.departments.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <select aria-label="Role" value={filter.role} onChange={(e) => set('role', e.target.value)}>
            <option value="">All roles</option>
            {options.roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <select aria-label="Capability" value={filter.capability} onChange={(e) => set('capability', e.target.value)}>
            <option value="">Any capability</option>
            {options.capabilities.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <select aria-label="Intent" value={filter.intent} onChange={(e) => set('intent', e.target.value as RosterFilter['intent'])}>
            <option value="">Any intent</option>
            {options.intents.map((i) => (
              <option key={i} value={i}>
                {i.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        {/* The checkbox's name is its own words; the count and Clear sit beside it, not inside its label. */}
        <div className="roster-online">
          <label title="Only agents that are connected and answering: degraded, connecting and offline ones are hidden">
            <input type="checkbox" checked={filter.onlineOnly} onChange={(e) => set('onlineOnly', e.target.checked)} /> Online only
          </label>
          <span className="roster-count" data-testid="roster-count" title={`${shown} of ${agents.length} agents shown`}>
            {shown}/{agents.length}
            <span className="visually-hidden"> agents shown</span>
          </span>
          {filtered && (
            <button type="button" className="link-button" onClick={() => setFilter(EMPTY_FILTER)}>
              Clear
            </button>
          )}
        </div>
      </div>
      <div className="roster-scroll" ref={scroller}>
        {agents.length === 0 ? (
          <p className="muted padded">No agents yet. Connect one below, or start with the demo fleet.</p>
        ) : rows.length === 0 ? (
          <p className="muted padded roster-empty">No agent matches these filters.</p>
        ) : (
          <div
            role="listbox"
            aria-label="Agents"
            tabIndex={0}
            className="roster-listbox"
            aria-activedescendant={activeAgent ? optionId(activeAgent.id) : undefined}
            onKeyDown={onListKeyDown}
            style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          >
            <div style={{ transform: `translateY(${visible[0]?.start ?? 0}px)` }}>
              {visible.map(({ index }) => {
                const row = rows[index]!;
                if (row.kind === 'department') {
                  return (
                    <h3 key={row.key} className="roster-department" role="presentation">
                      {row.label} <span>{row.count}</span>
                    </h3>
                  );
                }
                if (row.kind === 'role') {
                  return (
                    <h4 key={row.key} className="roster-role" role="presentation">
                      {row.label}
                    </h4>
                  );
                }
                const { agent } = row;
                const rtt = agent.health?.rttMs;
                const mode = modes.get(agent.id) ?? 'manual';
                const unreadCount = unread.get(agent.id) ?? 0;
                const pending = pendingByAgent.get(agent.id) ?? 0;
                const status = linkStatusOf(agent.linkState, agent.health);
                const stateLine = `${agent.workState ? agent.workState.replace(/_/g, ' ') : status}${rtt != null && agent.linkState === 'online' ? ` · ${Math.round(rtt)} ms` : ''}`;
                return (
                  <div
                    key={row.key}
                    id={optionId(agent.id)}
                    role="option"
                    className={`agent-row roster-agent${agent.id === selectedId ? ' selected' : ''}${index === activeIndex ? ' active' : ''}`}
                    onClick={() => {
                      setActiveId(agent.id);
                      onSelect(agent.id);
                    }}
                    data-agent-id={agent.id}
                    data-link-state={agent.linkState}
                    data-link-status={status}
                    aria-label={rosterLabel([agent.name, MODE_LABEL[mode], stateLine], status, unreadCount, pending)}
                    aria-selected={agent.id === selectedId}
                  >
                    <LinkStateDot state={agent.linkState} health={agent.health} />
                    <span className="agent-name">{agent.name}</span>{' '}
                    <span className="roster-badges">
                      {pending > 0 && (
                        <span className="badge badge-decision" data-count={pending} title={`${pending} ${pending === 1 ? 'decision' : 'decisions'} waiting`} />
                      )}
                      {unreadCount > 0 && (
                        <span className="badge badge-unread" data-count={unreadCount} title={`${unreadCount} unread`} />
                      )}
                      {MODE_LABEL[mode] && <span className={`mode-tag mode-${mode}`}>{MODE_LABEL[mode]}</span>}
                    </span>
                    {/* The spaces keep the row's words apart for name checks; the grid does not render them. */}{' '}
                    <span className="agent-role">{stateLine}</span>
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/** The DOM id of an agent's option (ids may hold any character; the attribute takes them as they are). */
function optionId(agentId: string): string {
  return `roster-option-${agentId}`;
}

/**
 * What a screen reader says for a roster row: "CMO Twin, semi, waiting approval · 209 ms, online, 1 unread, 1 decision
 * waiting". It starts with the row's visible words in their order (WCAG 2.5.3, label in name: a voice user says what
 * they see), then what the dot and the badges mean; the badges' digits are drawn by CSS so they are not visible words.
 */
function rosterLabel(visible: string[], linkState: string, unread: number, pending: number): string {
  const parts = visible.filter(Boolean);
  if (!parts.includes(linkState)) parts.push(linkState);
  if (unread > 0) parts.push(`${unread} unread`);
  if (pending > 0) parts.push(`${pending} ${pending === 1 ? 'decision' : 'decisions'} waiting`);
  return parts.join(', ');
}
