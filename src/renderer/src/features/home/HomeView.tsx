import { type ReactNode, useMemo } from 'react';
import type { Agent, Alert, Decision, Endpoint, Message } from '@shared/domain';
import { formatAgo, formatFullTime, formatTimeLeft, formatTime } from '../../ui/format';
import { ViewState } from '../../ui/ViewState';
import { useClock } from '../agents/use-clock';
import { useAlerts } from '../alerts/use-alerts';
import type { Navigation } from '../navigation/use-navigation';
import { useUnread } from '../roster/use-unread';
import { firingBySeverity, troubledAgents, unreadConversations, waitingDecisions } from './home-items';
import { useRecentActivity } from './use-recent-activity';
import './home.css';

const SHOWN = 6;

/**
 * The first screen: "what needs me?" at a glance, like Linear's Inbox or PagerDuty's overview. Every row opens the
 * thing it names. Built only from lists the app already keeps live (decisions, alerts, the roster, unread counts)
 * plus one bounded read of recent messages, so it stays quick with 10,000 agents and a 10M-message log.
 */
export function HomeView({
  nav,
  agents,
  endpoints,
  decisions,
  decisionsLoading,
}: {
  nav: Pick<Navigation, 'open' | 'showDecision' | 'selectAgent'>;
  agents: Agent[];
  endpoints: Endpoint[];
  decisions: Decision[];
  decisionsLoading: boolean;
}) {
  const { alerts, loading: alertsLoading, error: alertsError } = useAlerts();
  const { unread } = useUnread(null);
  const activity = useRecentActivity();
  const names = useMemo(() => new Map(agents.map((a) => [a.id, a.name])), [agents]);
  const nameOf = (id: string | null) => (id === null ? 'The console' : (names.get(id) ?? id));

  const waiting = useMemo(() => waitingDecisions(decisions), [decisions]);
  const firing = useMemo(() => firingBySeverity(alerts), [alerts]);
  const troubled = useMemo(() => troubledAgents(agents, endpoints, SHOWN), [agents, endpoints]);
  const unreadList = useMemo(() => unreadConversations(unread, (id) => names.get(id) ?? id), [unread, names]);
  const allClear = waiting.length === 0 && firing.length === 0 && troubled.total === 0 && unreadList.length === 0;
  const loading = decisionsLoading || alertsLoading;

  return (
    <div className="home">
      <header className="home-header">
        <h2>Home</h2>
        <p className="home-summary" aria-live="polite">
          {loading ? 'Checking what needs you…' : allClear ? 'Nothing needs you right now.' : summary(waiting.length, firing.length, troubled.total, unreadList.length)}
        </p>
      </header>
      <div className="home-body">
        <ViewState
          what="what needs you"
          loading={loading}
          error={alertsError}
          empty={loading || allClear}
          emptyTitle="All clear"
          emptyHint={
            agents.length === 0
              ? 'No agent is connected yet: add one under Connections at the bottom left (or start the demo fleet). Its decisions, alerts and messages will land here.'
              : 'No decision is waiting, no alert is firing and every agent is online. New decisions and alerts land here and in the tabs on the left. To talk to an agent, pick it in the roster; press Ctrl K for every command.'
          }
        >
          <div className="home-grid">
            <Section title="Decisions waiting" count={waiting.length} empty="No decision is waiting for you.">
              <DecisionRows decisions={waiting} nameOf={nameOf} onOpen={(d) => nav.showDecision(d.id)} />
            </Section>
            <Section title="Firing alerts" count={firing.length} empty="No alert is firing.">
              <AlertRows alerts={firing} nameOf={nameOf} onOpen={(a) => nav.open({ kind: 'alert', id: a.id })} />
            </Section>
            <Section title="Agents offline or degraded" count={troubled.total} empty="Every agent is online.">
              <ul className="home-list">
                {troubled.items.map(({ agent, trouble, why }) => (
                  <li key={agent.id}>
                    <button
                      type="button"
                      className="home-row"
                      aria-label={`${agent.name}, ${trouble}: ${why}`}
                      onClick={() => nav.selectAgent(agent.id)}
                    >
                      {/* The roster's shapes: a ring for offline, a diamond for degraded (ui/link-status.ts). */}
                      <span className="home-mark" aria-hidden="true">
                        <span className={`link-dot link-${trouble}`} />
                      </span>
                      {' '}
                      <span className="home-row-title">{agent.name}</span>
                      {' '}
                      <span className="home-row-meta">{trouble}</span>
                      {' '}
                      <span className="home-row-detail" title={why}>
                        {why}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              {troubled.total > troubled.items.length && (
                <p className="home-more">and {troubled.total - troubled.items.length} more in the roster</p>
              )}
            </Section>
            <Section title="Unread conversations" count={unreadList.length} empty="You have read everything agents sent.">
              <ul className="home-list">
                {unreadList.slice(0, SHOWN).map(({ agentId, name, count }) => (
                  <li key={agentId}>
                    <button type="button" className="home-row" aria-label={`${name}: ${count} unread`} onClick={() => nav.selectAgent(agentId)}>
                      <span className="home-mark home-mark-unread" aria-hidden="true">●</span>
                      {' '}
                      <span className="home-row-title">{name}</span>
                      {' '}
                      <span className="home-row-meta">{count} unread</span>
                    </button>
                  </li>
                ))}
              </ul>
            </Section>
          </div>
        </ViewState>
        <Section title="Recent activity" count={activity.messages.length} showCount={false} empty={activity.loading ? 'Loading…' : 'No agent has said anything yet.'} wide>
          <ActivityRows messages={activity.messages} nameOf={nameOf} onOpen={(m) => nav.open({ kind: 'conversation', id: m.conversationId })} />
        </Section>
      </div>
    </div>
  );
}

function summary(decisions: number, alerts: number, agents: number, unread: number): string {
  const parts = [
    decisions > 0 && `${decisions} ${decisions === 1 ? 'decision' : 'decisions'} waiting`,
    alerts > 0 && `${alerts} firing`,
    agents > 0 && `${agents} ${agents === 1 ? 'agent' : 'agents'} offline or degraded`,
    unread > 0 && `${unread} unread ${unread === 1 ? 'conversation' : 'conversations'}`,
  ].filter(Boolean);
  return parts.join(' · ');
}

function Section({
  title,
  count,
  showCount = true,
  empty,
  wide,
  children,
}: {
  title: string;
  count: number;
  showCount?: boolean;
  empty: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const id = `home-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className={`home-section${wide ? ' home-section-wide' : ''}`} aria-labelledby={id}>
      <h3 id={id}>
        {title}
        {showCount && count > 0 && <span className="home-count"> {count}</span>}
      </h3>
      {count === 0 ? <p className="home-empty">{empty}</p> : children}
    </section>
  );
}

function DecisionRows({ decisions, nameOf, onOpen }: { decisions: Decision[]; nameOf(id: string): string; onOpen(d: Decision): void }) {
  // Only this list ticks every second: the countdowns.
  const now = useClock();
  return (
    <ul className="home-list">
      {decisions.slice(0, SHOWN).map((d) => {
        const left = d.expiresAt === null ? `waiting since ${formatTime(d.createdAt, now)}` : formatTimeLeft(d.expiresAt, now);
        const urgent = d.expiresAt !== null && d.expiresAt - now < 5 * 60_000;
        return (
          <li key={`${d.agentId}:${d.id}`}>
            {/* The label holds the row's visible words in their order (WCAG 2.5.3), with the punctuation a reader needs; the
                spaces between the parts keep those words apart (the grid does not draw them). */}
            <button type="button" className="home-row" aria-label={`${d.summary}, from ${nameOf(d.agentId)}, ${left}`} onClick={() => onOpen(d)}>
              <span className="home-mark home-mark-decision" aria-hidden="true">◆</span>
              {' '}
              <span className="home-row-title" title={d.summary}>
                {d.summary}
              </span>
              {' '}
              <span className="home-row-detail">from {nameOf(d.agentId)}</span>
              {' '}
              <span className={`home-row-meta${urgent ? ' home-urgent' : ''}`} title={d.expiresAt === null ? undefined : formatFullTime(d.expiresAt)}>
                {left}
              </span>
            </button>
          </li>
        );
      })}
      {decisions.length > SHOWN && <li className="home-more">and {decisions.length - SHOWN} more waiting</li>}
    </ul>
  );
}

function AlertRows({ alerts, nameOf, onOpen }: { alerts: Alert[]; nameOf(id: string | null): string; onOpen(a: Alert): void }) {
  const now = useClock(15_000);
  return (
    <ul className="home-list">
      {alerts.slice(0, SHOWN).map((a) => (
        <li key={a.id}>
          <button type="button" className="home-row" aria-label={`${a.severity}: ${a.title}, from ${nameOf(a.agentId)} · ${formatAgo(a.lastSeenAt, now)}`} onClick={() => onOpen(a)}>
            <span className={`home-mark home-severity-${a.severity}`} aria-hidden="true">
              {a.severity === 'critical' ? '▲' : a.severity === 'warning' ? '■' : '●'}
            </span>
            {' '}
            <span className="home-row-meta">
              <span className={`home-severity-label home-severity-${a.severity}`}>{a.severity}</span>
            </span>
            {' '}
            <span className="home-row-title" title={a.title}>
              {a.title}
            </span>
            {' '}
            <span className="home-row-detail">
              from {nameOf(a.agentId)} · {formatAgo(a.lastSeenAt, now)}
            </span>
          </button>
        </li>
      ))}
      {alerts.length > SHOWN && <li className="home-more">and {alerts.length - SHOWN} more firing</li>}
    </ul>
  );
}

function ActivityRows({ messages, nameOf, onOpen }: { messages: Message[]; nameOf(id: string): string; onOpen(m: Message): void }) {
  const now = useClock(15_000);
  return (
    <ul className="home-list home-activity">
      {messages.map((m) => {
        const text = m.text ?? (m.data ? 'Sent structured data' : '');
        return (
          <li key={m.id}>
            {/* Named by what it shows (name, text, time): the text may be long, and a label must hold all of it. */}
            <button type="button" className="home-row" onClick={() => onOpen(m)}>
              {' '}
              <span className="home-row-title">{nameOf(m.agentId)}</span>
              {' '}
              <span className="home-row-detail home-activity-text" title={text}>
                {text}
              </span>
              {' '}
              <span className="home-row-meta" title={formatFullTime(m.createdAt)}>
                {formatAgo(m.createdAt, now)}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
