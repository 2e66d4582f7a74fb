import { useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Endpoint } from '../../../../shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LinkStateDot } from '../../ui/LinkStateDot';
import { EndpointForm } from './EndpointForm';

/**
 * The endpoints the console dials: add, edit, remove; launch-flag endpoints are listed but not editable. Folded away
 * once there are endpoints, so the agents keep the sidebar; it opens by itself while one cannot connect.
 */
export function EndpointManager({ endpoints }: { endpoints: Endpoint[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function remove(endpoint: Endpoint) {
    const result = await api.endpoints.remove({ id: endpoint.id });
    setError(result.ok ? null : result.error);
  }

  async function reassign(agentId: string, endpoint: Endpoint) {
    const result = await api.agents.reassign({ agentId, endpointId: endpoint.id });
    setError(result.ok ? null : result.error);
  }

  const edited = endpoints.find((e) => e.id === editing);
  const online = endpoints.filter((e) => e.linkState === 'online').length;
  const failing = endpoints.some((e) => (e.linkState === 'offline' && e.lastError) || (e.takenAgentIds?.length ?? 0) > 0);
  // Until the operator opens or folds it, it follows what needs attention.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? (endpoints.length === 0 || failing || editing !== null);
  return (
    <details
      className="endpoint-manager"
      aria-label="Endpoints"
      open={open}
      // The toggle event also fires when `open` changes from here; only a different state is the operator's choice.
      onToggle={(event) => event.currentTarget.open !== open && setChosen(event.currentTarget.open)}
    >
      <summary>
        Connections <span className="muted">· {online} of {endpoints.length} online</span>
      </summary>
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
            {endpoint.takenAgentIds?.map((agentId) => (
              // A refused claim: the id belongs to another endpoint until the operator says the agent moved here.
              <p key={agentId} className="endpoint-claim" role="alert">
                Claims agent {agentId}, which belongs to another endpoint.{' '}
                <button type="button" className="link-button" onClick={() => reassign(agentId, endpoint)}>
                  Reassign {agentId} here
                </button>
              </p>
            ))}
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {edited ? <EndpointForm key={edited.id} endpoint={edited} onDone={() => setEditing(null)} /> : <EndpointForm />}
    </details>
  );
}
