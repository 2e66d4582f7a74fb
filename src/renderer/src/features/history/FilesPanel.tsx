import { useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { BackupInfo, HistorySources } from '@shared/history';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ViewState } from '../../ui/ViewState';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Full backups through SQLite's online backup, restore from one, and opening another log file read-only. */
export function FilesPanel({ sources, onSourcesChanged }: { sources: HistorySources | null; onSourcesChanged(s: HistorySources): void }) {
  // null until the first list has come back: "no backups" is only said once the core has said so.
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [listError, setListError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [file, setFile] = useState('');

  const refresh = () =>
    void api.backup.list().then((result) => {
      setListError(result.ok ? null : result.error);
      if (result.ok) setBackups(result.value);
    });
  useEffect(refresh, []);

  async function act<T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, done: (value: T) => void) {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (result.ok) done(result.value);
    else setError(result.error);
  }

  return (
    <section aria-label="Backups and log files" className="search-form">
      <h3>Backups</h3>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void act(() => api.backup.create(), (b) => {
                setNote(`Backed up to ${b.file}`);
                refresh();
              })}
        >
          Back up now
        </button>
      </div>
      {note && <p className="file-path">{note}</p>}
      <ViewState
        what="backups"
        loading={backups === null}
        error={listError}
        empty={(backups ?? []).length === 0}
        emptyTitle="No backups yet"
        emptyHint="Back up now (above) copies the whole message log while the console keeps running; each backup is listed here with a Restore button."
        onRetry={refresh}
      >
        <ul className="hits" aria-label="Backups">
          {(backups ?? []).map((b) => (
            <li key={b.file} className="row">
              <span className="file-path" style={{ flex: 1 }}>
                {b.file.split(/[\\/]/).pop()} · {dateTime.format(b.at)} · {(b.bytes / 1e6).toFixed(1)} MB
              </span>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => {
                  if (!window.confirm('Replace the whole message log with this backup? The current log is backed up first.')) return;
                  void act(
                    () => api.backup.restore({ file: b.file }),
                    // Every view holds pages of the old log: start over from the restored one.
                    () => window.location.reload(),
                  );
                }}
              >
                Restore
              </button>
            </li>
          ))}
        </ul>
      </ViewState>
      <h3>Review another log file (read-only)</h3>
      <input type="text" aria-label="Log file path" placeholder="/path/to/twin-console.sqlite" value={file} onChange={(e) => setFile(e.target.value)} />
      <div className="row">
        <button type="button" className="primary" disabled={busy || file.trim() === ''} onClick={() => void act(() => api.history.openFile({ file }), onSourcesChanged)}>
          Open read-only
        </button>
        {sources?.archive && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void act(() => api.history.closeFile(), onSourcesChanged)}>
            Close {sources.archive.file.split(/[\\/]/).pop()}
          </button>
        )}
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
