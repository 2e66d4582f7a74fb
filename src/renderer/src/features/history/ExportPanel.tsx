import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent } from '@shared/domain';
import type { ExportFormat, ExportScope, HistorySource } from '@shared/history';
import { HOST_TOKEN_PARAM } from '@shared/host-protocol';
import { api, hostToken } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useExport } from './use-export';

interface ExportPanelProps {
  agents: Agent[];
  source: HistorySource;
  conversationId: string | null;
  /** Start an export of everything in this format once (the palette's "Export all messages as …"). */
  autoStart?: { format: ExportFormat; seq: number } | null;
}

/** Export to Markdown, JSON or CSV by agent, conversation or date range, streamed by the core with progress. */
export function ExportPanel({ agents, source, conversationId, autoStart = null }: ExportPanelProps) {
  const exporter = useExport();
  const [format, setFormat] = useState<ExportFormat>(autoStart?.format ?? 'markdown');
  const [scopeKind, setScopeKind] = useState<'all' | 'agent' | 'conversation'>('all');
  const startedSeq = useRef(0);
  const startExport = exporter.start;
  useEffect(() => {
    if (!autoStart || autoStart.seq <= startedSeq.current) return;
    startedSeq.current = autoStart.seq;
    setFormat(autoStart.format);
    setScopeKind('all');
    void startExport(autoStart.format, {}, source);
  }, [autoStart, source, startExport]);
  const [agentId, setAgentId] = useState(agents[0]?.id ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const progress = exporter.progress;

  function start() {
    const scope: ExportScope = {
      ...(scopeKind === 'agent' && agentId && { agentId }),
      ...(scopeKind === 'conversation' && conversationId && { conversationId }),
      ...(from && { from: new Date(`${from}T00:00`).getTime() }),
      ...(to && { to: new Date(`${to}T00:00`).getTime() + 86_400_000 }),
    };
    void exporter.start(format, scope, source);
  }

  return (
    <section aria-label="Export" className="search-form">
      <div className="filters">
        <label>
          Format
          <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            <option value="markdown">Markdown</option>
            <option value="json">JSON</option>
            <option value="csv">CSV</option>
          </select>
        </label>
        <label>
          Messages
          <select aria-label="Export scope" value={scopeKind} onChange={(e) => setScopeKind(e.target.value as typeof scopeKind)}>
            <option value="all">All</option>
            <option value="agent">One agent</option>
            <option value="conversation" disabled={!conversationId}>
              The open conversation
            </option>
          </select>
        </label>
        {scopeKind === 'agent' && (
          <label>
            Agent
            <select aria-label="Export agent" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          From
          <input type="date" aria-label="Export from date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" aria-label="Export to date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={start} disabled={exporter.running}>
          Export
        </button>
      </div>
      <ErrorNotice error={exporter.error} />
      {progress && (
        <div className="export-status" data-state={progress.state} role="group" aria-label="Export status">
          <div className="export-progress-row">
            <progress
              className="export-progress"
              aria-label="Export progress"
              max={Math.max(progress.total, 1)}
              value={progress.state === 'finished' ? Math.max(progress.total, 1) : progress.done}
            />
            {progress.state === 'running' && (
              <button type="button" className="secondary" onClick={() => void exporter.cancel()}>
                Cancel export
              </button>
            )}
          </div>
          <p className="muted" role="status">
            {progress.state === 'running' && `Exported ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} messages…`}
            {progress.state === 'finished' && `Exported ${progress.done.toLocaleString()} messages to`}
            {progress.state === 'cancelled' && 'Export cancelled; no file was kept.'}
            {progress.state === 'failed' && `Export failed: ${progress.error}`}
          </p>
          {progress.file && progress.state === 'finished' && (hostToken ? <ExportDownload file={progress.file} /> : <ShowInFolder file={progress.file} />)}
          {progress.file && <p className="file-path">{progress.file}</p>}
        </div>
      )}
    </section>
  );
}

/** In the desktop app: the OS file manager with the file selected (Electron's shell.showItemInFolder, in the core). */
function ShowInFolder({ file }: { file: string }) {
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <>
      <button type="button" className="primary" onClick={() => void api.export.showInFolder({ file }).then((r) => setError(r.ok ? null : r.error))}>
        Show in folder
      </button>
      <ErrorNotice error={error} />
    </>
  );
}

/**
 * In the browser host the page cannot open the server's folder: it downloads the file instead, over the same
 * token as the page (kept in its session). In Electron (no host token) the path above is what there is.
 */
function ExportDownload({ file }: { file: string }) {
  const token = hostToken;
  if (!token) return null;
  const name = file.split(/[\\/]/).pop() ?? file;
  return (
    <a className="primary download-link" href={`/exports/${encodeURIComponent(name)}?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`} download={name}>
      Download {name}
    </a>
  );
}
