import { useEffect, useState } from 'react';
import type { Agent } from '@shared/domain';
import type { HistorySource, HistorySources, SearchHit } from '@shared/history';
import { api } from '../../lib/api';
import { ConversationView } from '../conversations/ConversationView';
import { ExportPanel } from './ExportPanel';
import { FilesPanel } from './FilesPanel';
import { SearchPanel } from './SearchPanel';
import { ViewState } from '../../ui/ViewState';
import { StatsPanel } from './StatsPanel';

type Tab = 'search' | 'export' | 'stats' | 'files';
const TABS: [Tab, string][] = [
  ['search', 'Search'],
  ['export', 'Export'],
  ['stats', 'Stats'],
  ['files', 'Backups & files'],
];

/**
 * Offline review: search on the left, the opened hit's conversation on the right, around that message. It reads only
 * the log, so it works the same with every agent offline, and on another log file opened read-only.
 */
export function HistoryWorkspace({ agents }: { agents: Agent[] }) {
  const [tab, setTab] = useState<Tab>('search');
  const [opened, setOpened] = useState<SearchHit | null>(null);
  const [sources, setSources] = useState<HistorySources | null>(null);
  const [source, setSource] = useState<HistorySource>('live');

  useEffect(() => {
    void api.history.sources().then((result) => result.ok && setSources(result.value));
  }, []);

  function changeSources(next: HistorySources) {
    setSources(next);
    setSource(next.archive ? 'archive' : 'live');
    setOpened(null);
  }

  const agent = opened ? (agents.find((a) => a.id === opened.message.agentId) ?? null) : null;
  return (
    <div className="history">
      <section className="history-panel" aria-label="History">
        {sources?.archive && (
          <div className="history-source">
            <label>
              Reading{' '}
              <select
                aria-label="Log to read"
                value={source}
                onChange={(e) => {
                  setSource(e.target.value as HistorySource);
                  setOpened(null);
                }}
              >
                <option value="live">this console's log</option>
                <option value="archive">{sources.archive.file.split(/[\\/]/).pop()} (read-only)</option>
              </select>
            </label>
          </div>
        )}
        <div className="history-tabs" role="tablist">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </div>
        <div className="history-body">
          {/* Search stays mounted so its results survive a look at another tab. */}
          <div hidden={tab !== 'search'} className="search-form">
            <SearchPanel
              key={source}
              agents={agents}
              source={source}
              selectedId={opened?.message.id ?? null}
              onOpen={setOpened}
            />
          </div>
          {tab === 'export' && <ExportPanel agents={agents} source={source} conversationId={opened?.message.conversationId ?? null} />}
          {tab === 'stats' && <StatsPanel source={source} />}
          {tab === 'files' && <FilesPanel sources={sources} onSourcesChanged={changeSources} />}
        </div>
      </section>
      <div className="main">
        {opened ? (
          <ConversationView
            key={`${source}:${opened.message.id}`}
            agent={source === 'live' ? agent : null}
            conversationId={opened.message.conversationId}
            anchorId={opened.message.id}
            source={source}
            title={opened.agentName ?? opened.conversationTitle ?? opened.message.agentId}
          />
        ) : (
          <ViewState
            what="the conversation"
            empty
            emptyTitle="Nothing open"
            emptyHint="Search the log on the left, then open a hit to read it here in its conversation."
          >
            {null}
          </ViewState>
        )}
      </div>
    </div>
  );
}
