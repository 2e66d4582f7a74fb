import { useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent, Endpoint } from '@shared/domain';
import { api, hostConnection } from '../../lib/api';
import { useHostConnection } from '../../lib/host-connection';
import { useEvent } from '../../lib/use-query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatAgo } from '../../ui/format';
import { inTime, useClock } from './use-clock';

/**
 * The link behind one agent, as one quiet row under the chat header (its state is in the header itself): round trip,
 * last seen, messages waiting to go out, when it redials (with "Retry now"), and the frames it refused, by error code,
 * only when there are any.
 */
export function AgentDetail({ agent, endpoint, queued = 0 }: { agent: Agent; endpoint: Endpoint | undefined; queued?: number }) {
  const host = useHostConnection(hostConnection).state;
  // Cut off from the console, the page cannot know when an agent was last seen: LAST SEEN stops where it was.
  const now = useClock(1000, host === 'lost' || host === 'expired');
  const [error, setError] = useState<ApiError | null>(null);
  // The core updates the agent's "last seen" on every frame but announces agent changes only on status and link
  // events: a message the agent just posted is seen here too, so LAST SEEN never says 47 s after a reply.
  const [postedAt, setPostedAt] = useState<number | null>(null);
  useEffect(() => setPostedAt(null), [agent.id]);
  useEvent('message:changed', (m) => {
    if (m.agentId === agent.id && m.direction === 'in') setPostedAt((at) => Math.max(at ?? 0, Date.now()));
  });
  const lastSeen = agent.lastSeenAt === null && postedAt === null ? null : Math.max(agent.lastSeenAt ?? 0, postedAt ?? 0);
  const health = agent.health;
  const badFrames = Object.entries(health?.badFrames ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const refused = badFrames.reduce((sum, [, n]) => sum + n, 0);
  const liveness = agent.linkState === 'connecting' ? 'connecting' : (health?.liveness ?? 'offline');

  async function retry() {
    const result = await api.agents.retry({ agentId: agent.id });
    setError(result.ok ? null : result.error);
  }

  return (
    <section className="agent-detail" aria-label={`Link to ${agent.name}`} data-liveness={liveness}>
      <dl>
        {health?.rttMs != null && agent.linkState === 'online' && (
          <div>
            <dt>Round trip</dt>
            <dd>{Math.round(health.rttMs)} ms</dd>
          </div>
        )}
        <div>
          <dt>Last seen</dt>
          <dd>{formatAgo(lastSeen, now)}</dd>
        </div>
        {queued > 0 && (
          <div>
            <dt>Queued</dt>
            <dd>
              {queued} {queued === 1 ? 'message' : 'messages'}
            </dd>
          </div>
        )}
        {agent.linkState === 'offline' && (
          <div>
            <dt>Next try</dt>
            <dd>
              {health?.nextAttemptAt != null ? `${inTime(health.nextAttemptAt, now)} (attempt ${health.attempt + 1})` : '—'}{' '}
              <button type="button" className="link-button" onClick={retry} aria-label={`Retry the link to ${agent.name} now`}>
                Retry now
              </button>
            </dd>
          </div>
        )}
        {refused > 0 && (
          <div>
            <dt>Refused</dt>
            <dd>
              <details className="bad-frames">
                <summary>
                  {refused} {refused === 1 ? 'frame' : 'frames'}
                </summary>
                {badFrames.map(([code, count]) => (
                  <span key={code} className="bad-frame-count" data-code={code}>
                    {code} × {count}
                  </span>
                ))}
              </details>
            </dd>
          </div>
        )}
      </dl>
      {endpoint?.lastError && <p className="link-error">{endpoint.lastError}</p>}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
