import { useEffect, useState } from 'react';
import type { Agent } from '@shared/domain';
import type { ExportFormat, HistorySource, HistorySources, SearchHit } from '@shared/history';
import { api } from '../../lib/api';
import { ConversationView } from '../conversations/ConversationView';
import { ExportPanel } from './ExportPanel';
import { FilesPanel } from './FilesPanel';
import { consumeHistoryRequest, type HistoryTab, useHistoryRequest } from './history-requests';
import './history.css';
import { SearchPanel } from './SearchPanel';
import { ViewState } from '../../ui/ViewState';
import { StatsPanel } from './StatsPanel';

type Tab = HistoryTab;
const TABS: [Tab, string][] = [
  ['search', 'Search'],
  ['export', 'Export'],
  ['stats', 'Stats'],
  ['files', 'Backups & files'],
];

/**
 * Offline review: search on the left, the opened hit's conversation on the right, around that message; Export, Stats
 * and Backups take the whole width. It reads only the log, so it works the same with every agent offline, and on
 * another log file opened read-only. The palette can ask for a tab (and an export) through history-requests.ts.
 */
export function HistoryWorkspace({ agents }: { agents: Agent[] }) {
  const [tab, setTab] = useState<Tab>('search');
  const [opened, setOpened] = useState<SearchHit | null>(null);
  const [sources, setSources] = useState<HistorySources | null>(null);
  const [source, setSource] = useState<HistorySource>('live');
  const request = useHistoryRequest();
  const [autoExport, setAutoExport] = useState<{ format: ExportFormat; seq: number } | null>(null);
  const [focusSearch, setFocusSearch] = useState(0);
  const [filesVersion, setFilesVersion] = useState(0);

  useEffect(() => {
    if (!request || !consumeHistoryRequest(request.seq)) return;
    setTab(request.tab);
    if (request.exportFormat) setAutoExport({ format: request.exportFormat, seq: request.seq });
    if (request.tab === 'search') setFocusSearch(request.seq);
    // A backup just made from the palette: the list is read again to show it.
    if (request.tab === 'files') setFilesVersion(request.seq);
  }, [request]);

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
    <div className={`history${tab === 'search' ? '' : ' history-wide'}`}>
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
              focusRequest={focusSearch}
              // The first hit previews at once, so the wide pane beside the results is never empty after a search.
              onResults={(hits) => setOpened((current) => current ?? hits[0] ?? null)}
            />
          </div>
          {tab === 'export' && (
            <ExportPanel agents={agents} source={source} conversationId={opened?.message.conversationId ?? null} autoStart={autoExport} />
          )}
          {tab === 'stats' && <StatsPanel source={source} />}
          {tab === 'files' && <FilesPanel key={filesVersion} sources={sources} onSourcesChanged={changeSources} />}
        </div>
      </section>
      <div className="main history-preview" hidden={tab !== 'search'} aria-label="Preview of the hit in its conversation" role="region">
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
