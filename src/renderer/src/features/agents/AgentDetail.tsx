import { useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent, Endpoint } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ago, inTime, useClock } from './use-clock';

/**
 * The link behind one agent: liveness, RTT, last seen, when it redials (with "retry now"), and the bad frames it
 * has sent, by error code.
 */
export function AgentDetail({ agent, endpoint }: { agent: Agent; endpoint: Endpoint | undefined }) {
  const now = useClock();
  const [error, setError] = useState<ApiError | null>(null);
  const health = agent.health;
  const badFrames = Object.entries(health?.badFrames ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const liveness = agent.linkState === 'connecting' ? 'connecting' : (health?.liveness ?? 'offline');

  async function retry() {
    const result = await api.agents.retry({ agentId: agent.id });
    setError(result.ok ? null : result.error);
  }

  return (
    <section className="agent-detail" aria-label={`Link to ${agent.name}`} data-liveness={liveness}>
      <dl>
        <div>
          <dt>Link</dt>
          <dd className={`liveness liveness-${liveness}`}>{liveness}</dd>
        </div>
        <div>
          <dt>RTT</dt>
          <dd>{health?.rttMs != null ? `${Math.round(health.rttMs)} ms` : '—'}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>{ago(agent.lastSeenAt, now)}</dd>
        </div>
        {agent.linkState === 'offline' && (
          <div>
            <dt>Next attempt</dt>
            <dd>
              {health?.nextAttemptAt != null ? `${inTime(health.nextAttemptAt, now)} (attempt ${health.attempt + 1})` : '—'}{' '}
              <button type="button" className="link-button" onClick={retry}>
                Retry now
              </button>
            </dd>
          </div>
        )}
        <div>
          <dt>Bad frames</dt>
          <dd>
            {badFrames.length === 0
              ? 'none'
              : badFrames.map(([code, count]) => (
                  <span key={code} className="bad-frame-count" data-code={code}>
                    {code} × {count}
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      {endpoint?.lastError && <p className="link-error">{endpoint.lastError}</p>}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
