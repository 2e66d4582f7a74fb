import { type FormEvent, useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** Adds an agent endpoint (kept in the log, dialed now and on every start). */
export function ConnectAgentForm() {
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await api.endpoints.add({ url, ...(token ? { token } : {}) });
    if (result.ok) {
      setUrl('');
      setToken('');
      setError(null);
    } else setError(result.error);
  }

  return (
    <form className="connect-form" onSubmit={submit}>
      <h3>Connect an agent</h3>
      <input
        aria-label="Agent WebSocket URL"
        placeholder="ws://host:port/path"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      <input
        aria-label="Bearer token (optional)"
        placeholder="Bearer token (optional)"
        type="password"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <button type="submit" disabled={url.trim() === ''}>
        Connect
      </button>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </form>
  );
}
