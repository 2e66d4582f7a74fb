import { type FormEvent, useId, useRef, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Endpoint, LinkKind } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { agentUrlProblem, URL_EXAMPLES } from './endpoint-url';

/** An http(s) URL is an A2A agent: its card has no role or department, so the operator gives them here. */
const isA2aUrl = (url: string) => /^https?:\/\//i.test(url.trim());

/**
 * Adds an endpoint, or edits one when `endpoint` is given. An empty token field on edit keeps the current token.
 * The link kind (direct or gateway) is protocol v1's and shows for ws:// URLs; role and department show for A2A ones.
 */
export function EndpointForm({ endpoint, onDone }: { endpoint?: Endpoint; onDone?(): void }) {
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [token, setToken] = useState('');
  const [clearToken, setClearToken] = useState(false);
  const [name, setName] = useState(endpoint?.name ?? '');
  const [kind, setKind] = useState<LinkKind | ''>(endpoint?.kind ?? '');
  const [role, setRole] = useState(endpoint?.role ?? '');
  const [department, setDepartment] = useState(endpoint?.department ?? '');
  const a2a = isA2aUrl(url);
  const [error, setError] = useState<ApiError | null>(null);
  // A bad URL is said at its field, not in a general notice: what is wrong, and an address that would work.
  const [urlError, setUrlError] = useState<string | null>(null);
  const urlField = useRef<HTMLInputElement>(null);
  const urlErrorId = useId();

  function showUrlError(problem: string) {
    setUrlError(problem);
    setError(null);
    const field = urlField.current;
    field?.focus();
    field?.scrollIntoView({ block: 'nearest' });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = agentUrlProblem(url);
    if (problem) return showUrlError(problem);
    const result = endpoint
      ? await api.endpoints.update({
          id: endpoint.id,
          url,
          name: name || null,
          kind: a2a ? null : kind || null,
          role: a2a ? role || null : null,
          department: a2a ? department || null : null,
          ...(clearToken ? { token: null } : token ? { token } : {}),
        })
      : await api.endpoints.add({
          url,
          ...(token ? { token } : {}),
          ...(name ? { name } : {}),
          kind: a2a ? null : kind || null,
          ...(a2a && role ? { role } : {}),
          ...(a2a && department ? { department } : {}),
        });
    if (!result.ok) {
      // The core's own URL check (the same rule): still the field's error, never a raw code.
      if (result.error.code === 'INVALID_REQUEST' && /url/i.test(result.error.message)) return showUrlError(`The address was not accepted. ${URL_EXAMPLES}`);
      return setError(result.error);
    }
    setError(null);
    setUrlError(null);
    if (!endpoint) {
      setUrl('');
      setToken('');
      setName('');
      setKind('');
      setRole('');
      setDepartment('');
    }
    onDone?.();
  }

  return (
    <form className="connect-form endpoint-form" onSubmit={submit}>
      <h3>{endpoint ? 'Edit endpoint' : 'Connect an agent'}</h3>
      <input
        ref={urlField}
        aria-label="Agent URL"
        placeholder="ws://… (v1) or https://… (A2A)"
        value={url}
        aria-invalid={urlError ? true : undefined}
        aria-describedby={urlError ? urlErrorId : undefined}
        onChange={(e) => {
          setUrl(e.target.value);
          // Once said, the error follows the typing: it goes as soon as the address is right.
          if (urlError) setUrlError(agentUrlProblem(e.target.value));
        }}
      />
      {urlError && (
        <p id={urlErrorId} className="field-error endpoint-url-error" role="alert">
          {urlError}
        </p>
      )}
      <input aria-label="Endpoint name (optional)" placeholder="Name (optional)" value={name} onChange={(e) => setName(e.target.value)} />
      <input
        aria-label="Bearer token (optional)"
        placeholder={endpoint?.hasToken ? 'Token set: type to replace' : 'Bearer token (optional)'}
        type="password"
        value={token}
        disabled={clearToken}
        onChange={(e) => setToken(e.target.value)}
      />
      {endpoint?.hasToken && (
        <label className="checkbox">
          <input type="checkbox" checked={clearToken} onChange={(e) => setClearToken(e.target.checked)} /> Remove token
        </label>
      )}
      {a2a ? (
        <>
          <input aria-label="Agent role (optional)" placeholder="Role (optional), e.g. Forecasting" maxLength={100} value={role} onChange={(e) => setRole(e.target.value)} />
          <input
            aria-label="Agent department (optional)"
            placeholder="Department (optional), e.g. Finance"
            maxLength={100}
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
          />
        </>
      ) : (
        <select aria-label="Link kind" value={kind} onChange={(e) => setKind(e.target.value as LinkKind | '')}>
          <option value="">Kind: as announced</option>
          <option value="direct">Direct (one agent)</option>
          <option value="gateway">Gateway (many agents)</option>
        </select>
      )}
      <div className="form-actions">
        <button type="submit" disabled={url.trim() === ''}>
          {endpoint ? 'Save' : 'Connect'}
        </button>
        {onDone && endpoint && (
          <button type="button" className="link-button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </form>
  );
}
