import { type ReactNode, useMemo, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent, Endpoint } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LinkStateDot, LinkStateWord } from '../../ui/LinkStateDot';
import { linkStatusOf } from '../../ui/link-status';
import { ConnectionProblem } from './ConnectionProblem';
import { EndpointForm } from './EndpointForm';
import { agentsByEndpoint, endpointWho } from './endpoint-label';

/**
 * The endpoints the console dials: add, edit, remove; launch-flag endpoints are listed but not editable. Each row
 * leads with who is behind it (its name, else the agents it announced, else its host) and keeps the URL as a quiet
 * second line. One that is not online shows why (its last error) and can be dialed now instead of after its
 * backoff. Folded away once there are endpoints, so the agents keep the sidebar.
 */
export function EndpointManager({ endpoints, agents }: { endpoints: Endpoint[]; agents: readonly Agent[] }) {
  const byEndpoint = useMemo(() => agentsByEndpoint(agents), [agents]);
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
  // Counted with the dots' own mapping: a silent link is degraded here too, never "online".
  const online = endpoints.filter((e) => linkStatusOf(e.linkState, e.health) === 'online').length;
  const degraded = endpoints.filter((e) => linkStatusOf(e.linkState, e.health) === 'degraded').length;
  const failing = endpoints.filter((e) => e.linkState === 'offline' && e.lastError).length;
  // It opens only when there is nothing to connect to yet, or when the operator opens it: a failing endpoint says
  // so in the summary line, and never unfolds the panel (and the sidebar) on its own.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? (endpoints.length === 0 || editing !== null);
  return (
    <details
      className="endpoint-manager"
      aria-label="Endpoints"
      open={open}
      // The toggle event also fires when `open` changes from here; only a different state is the operator's choice.
      onToggle={(event) => event.currentTarget.open !== open && setChosen(event.currentTarget.open)}
    >
      {/* One line, whatever the sidebar's width: what is wrong when something is, else how many are up. */}
      <summary title={`${online} of ${endpoints.length} online${degraded > 0 ? `, ${degraded} degraded` : ''}${failing > 0 ? `, ${failing} failing` : ''}`}>
        Connections{' '}
        {failing > 0 ? (
          <span className="endpoint-failing">
            · {failing} of {endpoints.length} failing
          </span>
        ) : degraded > 0 ? (
          <span className="endpoint-degraded">
            · {degraded} of {endpoints.length} degraded
          </span>
        ) : (
          <span className="muted">· {online === endpoints.length ? `${online} online` : `${online} of ${endpoints.length} online`}</span>
        )}
      </summary>
      <ul className="endpoint-list">
        {/* What needs a look first: endpoints that cannot connect. */}
        {[...endpoints].sort((a, b) => Number(b.linkState !== 'online' && !!b.lastError) - Number(a.linkState !== 'online' && !!a.lastError)).map((endpoint) => (
          <EndpointRow key={endpoint.id} endpoint={endpoint} agents={byEndpoint.get(endpoint.id)} onEdit={() => setEditing(endpoint.id)} onRemove={() => void remove(endpoint)}>
            {endpoint.linkState !== 'online' && endpoint.lastError && <ConnectionProblem endpoint={endpoint} onError={setError} />}
            {endpoint.takenAgentIds?.map((agentId) => (
              // A refused claim: the id belongs to another endpoint until the operator says the agent moved here.
              <p key={agentId} className="endpoint-claim" role="alert">
                Claims agent {agentId}, which belongs to another endpoint.{' '}
                <button type="button" className="link-button" onClick={() => reassign(agentId, endpoint)}>
                  Reassign {agentId} here
                </button>
              </p>
            ))}
          </EndpointRow>
        ))}
      </ul>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {edited ? <EndpointForm key={edited.id} endpoint={edited} onDone={() => setEditing(null)} /> : <EndpointForm />}
    </details>
  );
}

interface EndpointRowProps {
  endpoint: Endpoint;
  agents: readonly Agent[] | undefined;
  onEdit(): void;
  onRemove(): void;
  children: ReactNode;
}

/**
 * One endpoint: who on the first line with its state, the URL (and kind, department / role) quiet under it with
 * Edit and Remove; what is wrong, when something is, below both.
 */
function EndpointRow({ endpoint, agents, onEdit, onRemove, children }: EndpointRowProps) {
  const who = endpointWho(endpoint, agents);
  const details = [
    endpoint.kind,
    endpoint.department || endpoint.role ? [endpoint.department, endpoint.role].filter(Boolean).join(' / ') : null,
    // Why it has no Edit or Remove: it comes from the launch flags or the demo, not from this list.
    endpoint.persisted === false ? 'set at launch' : null,
  ].filter(Boolean);
  const allNames = who.agentNames.length > 1 ? `${who.agentNames.length} agents: ${who.agentNames.join(', ')}` : who.agentNames[0];
  return (
    <li data-endpoint-id={endpoint.id} data-endpoint-label={who.label}>
      <LinkStateDot state={endpoint.linkState} health={endpoint.health} />
      <span className="endpoint-who" title={allNames && allNames !== who.label ? allNames : undefined}>
        <span className="endpoint-who-names">{who.shown}</span>
        {who.more > 0 && <span className="endpoint-more"> +{who.more}</span>}
      </span>
      <span className="endpoint-state" aria-hidden="true">
        <LinkStateWord state={endpoint.linkState} health={endpoint.health} />
      </span>
      <span className="endpoint-url" title={endpoint.url}>
        {/* The separators are words too, so "· gateway" reads after the URL and not glued to it. */}
        {endpoint.url}
        {details.map((detail) => ` · ${detail}`).join('')}
      </span>
      {endpoint.persisted !== false && (
        <span className="endpoint-actions">
          <button type="button" className="link-button" aria-label={`Edit ${who.label}`} onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="link-button danger" aria-label={`Remove ${who.label}`} onClick={onRemove}>
            Remove
          </button>
        </span>
      )}
      {children}
    </li>
  );
}
