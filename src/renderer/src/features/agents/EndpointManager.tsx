import { useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Endpoint } from '../../../../shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LinkStateDot } from '../../ui/LinkStateDot';
import { EndpointForm } from './EndpointForm';

/** The endpoints the console dials: add, edit, remove; launch-flag endpoints are listed but not editable. */
export function EndpointManager({ endpoints }: { endpoints: Endpoint[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function remove(endpoint: Endpoint) {
    const result = await api.endpoints.remove({ id: endpoint.id });
    setError(result.ok ? null : result.error);
  }

  const edited = endpoints.find((e) => e.id === editing);
  return (
    <section className="endpoint-manager" aria-label="Endpoints">
      <ul className="endpoint-list">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id} data-endpoint-id={endpoint.id}>
            <LinkStateDot state={endpoint.linkState} />
            <span className="endpoint-name" title={endpoint.url}>
              {endpoint.name || endpoint.url}
              {endpoint.kind ? ` · ${endpoint.kind}` : ''}
            </span>
            {endpoint.persisted !== false && (
              <>
                <button type="button" className="link-button" onClick={() => setEditing(endpoint.id)}>
                  Edit
                </button>
                <button type="button" className="link-button danger" onClick={() => remove(endpoint)}>
                  Remove
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {edited ? <EndpointForm key={edited.id} endpoint={edited} onDone={() => setEditing(null)} /> : <EndpointForm />}
    </section>
  );
}
