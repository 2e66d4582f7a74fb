import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Agent, Conversation } from '@shared/domain';
import type { HistorySource, SearchFilters, SearchHit } from '@shared/history';
import { Intent } from '@shared/protocol';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ViewState } from '../../ui/ViewState';
import { formatTime } from '../../ui/format';
import { Snippet } from './Snippet';
import { useSearch } from './use-search';

interface SearchPanelProps {
  agents: Agent[];
  source: HistorySource;
  selectedId: string | null;
  onOpen(hit: SearchHit): void;
  /** Changes when the palette asks for the search box ("Open History search"). */
  focusRequest?: number;
  /** Each new first page of hits. */
  onResults?(hits: SearchHit[]): void;
}

/** Full-text search with filters. What is typed is searched as words; "quotes" make a phrase and word* a prefix. */
export function SearchPanel({ agents, source, selectedId, onOpen, focusRequest = 0, onResults }: SearchPanelProps) {
  const search = useSearch(onResults);
  const queryField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusRequest > 0) queryField.current?.focus();
  }, [focusRequest]);
  const [query, setQuery] = useState('');
  const [agentId, setAgentId] = useState('');
  const [role, setRole] = useState('');
  const [department, setDepartment] = useState('');
  const [intent, setIntent] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [conversationId, setConversationId] = useState('');
  const [hasAlertOrDecision, setHasAlertOrDecision] = useState(false);
  const [conversations, setConversations] = useState<Conversation[]>([]);
  useEffect(() => {
    let alive = true;
    void api.conversations.list({}).then((r) => alive && r.ok && setConversations(r.value));
    return () => {
      alive = false;
    };
  }, []);
  const roles = useMemo(() => [...new Set(agents.map((a) => a.role))].sort(), [agents]);
  const departments = useMemo(() => [...new Set(agents.map((a) => a.department))].sort(), [agents]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const filters: SearchFilters = {
      ...(agentId && { agentIds: [agentId] }),
      ...(role && { roles: [role] }),
      ...(department && { departments: [department] }),
      ...(intent && { intents: [intent as Intent] }),
      ...(from && { from: new Date(`${from}T00:00`).getTime() }),
      // The "to" day is included: the bound is the start of the next day.
      ...(to && { to: new Date(`${to}T00:00`).getTime() + 86_400_000 }),
      ...(conversationId && { conversationId }),
      ...(hasAlertOrDecision && { hasAlertOrDecision: true }),
    };
    search.run(query, filters, source);
  }

  return (
    <>
      <form className="search-form" onSubmit={submit} role="search">
        <input
          ref={queryField}
          type="search"
          aria-label="Search messages"
          placeholder='Search messages: words, "a phrase", prefix*'
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="filters">
          <label>
            Agent
            <select aria-label="Agent filter" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              <option value="">Any agent</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Intent
            <select aria-label="Intent filter" value={intent} onChange={(e) => setIntent(e.target.value)}>
              <option value="">Any intent</option>
              {Intent.options.map((i) => (
                <option key={i} value={i}>
                  {i.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            Role
            <select aria-label="Role filter" value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">Any role</option>
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            Department
            <select aria-label="Department filter" value={department} onChange={(e) => setDepartment(e.target.value)}>
              <option value="">Any department</option>
              {departments.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
          <label>
            From
            <input type="date" aria-label="From date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To
            <input type="date" aria-label="To date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label className="filter-wide">
            Conversation
            <select aria-label="Conversation filter" value={conversationId} onChange={(e) => setConversationId(e.target.value)}>
              <option value="">Any conversation</option>
              {conversations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          <label className="filter-check">
            <input type="checkbox" checked={hasAlertOrDecision} onChange={(e) => setHasAlertOrDecision(e.target.checked)} />
            Only messages with an alert or decision
          </label>
        </div>
        <button type="submit" className="primary" disabled={search.searching}>
          Search
        </button>
      </form>
      <ErrorNotice error={search.hits.length > 0 ? search.error : null} />
      {search.searched && !search.error && search.hits.length > 0 && (
        <p className="result-count" role="status">
          {search.hits.length === 0
            ? 'No messages match. Try fewer words or filters.'
            : `${search.hits.length.toLocaleString()}${search.hasMore ? '+' : ''} ${search.hits.length === 1 ? 'result' : 'results'}, newest first`}
        </p>
      )}
      {search.hits.length === 0 && (
        <ViewState
          what="matches"
          loading={search.searching}
          error={search.error}
          empty
          emptyTitle={search.searched ? 'No messages match' : 'Search the whole log'}
          emptyHint={search.searched ? 'Try fewer words, or clear some filters.' : 'Type words to find, pick filters if you like, and press Search. Each hit opens in its conversation.'}
        >
          {null}
        </ViewState>
      )}
      <ul className="hits" aria-label="Search results">
        {search.hits.map((hit) => (
          <li key={hit.message.id}>
            <button
              type="button"
              className={`hit${hit.message.id === selectedId ? ' selected' : ''}`}
              data-message-id={hit.message.id}
              onClick={() => onOpen(hit)}
            >
              <div className="hit-meta">
                <span className="hit-agent">
                  {hit.message.direction === 'out' ? 'You' : (hit.agentName ?? 'Unknown agent')}
                </span>
                <span>{hit.conversationTitle ?? 'Conversation'}</span>
                {hit.message.intent !== 'chat' && <span>{hit.message.intent.replace(/_/g, ' ')}</span>}
                <time dateTime={new Date(hit.message.createdAt).toISOString()}>{formatTime(hit.message.createdAt)}</time>
              </div>
              <Snippet text={hit.snippet} />
            </button>
          </li>
        ))}
      </ul>
      {search.hasMore && (
        <button type="button" className="secondary" onClick={search.more} disabled={search.searching}>
          Older results
        </button>
      )}
    </>
  );
}
