import { useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { BackupInfo, HistorySources } from '@shared/history';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Full backups through SQLite's online backup, restore from one, and opening another log file read-only. */
export function FilesPanel({ sources, onSourcesChanged }: { sources: HistorySources | null; onSourcesChanged(s: HistorySources): void }) {
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [file, setFile] = useState('');

  const refresh = () =>
    void api.backup.list().then((result) => (result.ok ? setBackups(result.value) : setError(result.error)));
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
      <ul className="hits">
        {backups.map((b) => (
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
