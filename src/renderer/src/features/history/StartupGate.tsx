import { type ReactNode, useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { SalvageResult, StartupStatus } from '@shared/history';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

/**
 * Shows the app only once the message log is open. If the core came up in recovery mode (a log from a newer
 * version, or a damaged one) the operator gets a screen that says what happened and what they can do, instead of
 * an app that fails on every click.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<StartupStatus | null>(null);
  useEffect(() => {
    // A transport failure is shown by the app's own notices; only a known recovery state replaces the app.
    void api.startup.status().then((result) => setStatus(result.ok ? result.value : { state: 'ready' }));
  }, []);
  if (status === null) return null;
  if (status.state === 'ready') return <>{children}</>;
  return <RecoveryScreen status={status} onReady={() => setStatus({ state: 'ready' })} />;
}

function RecoveryScreen({ status, onReady }: { status: Exclude<StartupStatus, { state: 'ready' }>; onReady(): void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [salvaged, setSalvaged] = useState<SalvageResult | null>(null);
  const [busy, setBusy] = useState(false);

  if (status.state === 'database-from-future') {
    return (
      <main className="recovery" aria-label="Message log from a newer version">
        <h1>This message log is from a newer Twin Console</h1>
        <p>{status.message}</p>
        <p>Nothing was changed. Install the newer version of Twin Console to open it.</p>
        <p className="file-path">{status.file}</p>
      </main>
    );
  }
  return (
    <main className="recovery" aria-label="Damaged message log">
      <h1>The message log is damaged</h1>
      <p>{status.message}</p>
      <p className="file-path">{status.file}</p>
      <div className="row">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const result = await api.recovery.salvage();
            setBusy(false);
            if (result.ok) setSalvaged(result.value);
            else setError(result.error);
          }}
        >
          Export what can be read
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const result = await api.recovery.startFresh();
            setBusy(false);
            if (result.ok) onReady();
            else setError(result.error);
          }}
        >
          Start a fresh log (keep the old file)
        </button>
      </div>
      {salvaged && (
        <p role="status">
          Recovered {salvaged.messages.toLocaleString()} messages
          {salvaged.unreadable > 0 && ` (${salvaged.unreadable.toLocaleString()} unreadable)`} to{' '}
          <span className="file-path">{salvaged.file}</span>
        </p>
      )}
      <ErrorNotice error={error} />
    </main>
  );
}
