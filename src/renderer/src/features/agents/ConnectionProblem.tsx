import type { ApiError } from '@shared/contract';
import type { Endpoint } from '@shared/domain';
import { api } from '../../lib/api';
import { formatTime } from '../../ui/format';
import { useClock } from './use-clock';

/** "in 12 s", "at 14:05": when the console dials this endpoint next. */
function nextAttempt(at: number, now: number): string {
  const s = Math.ceil((at - now) / 1000);
  if (s <= 0) return 'now';
  return s < 120 ? `in ${s} s` : `at ${formatTime(at, now)}`;
}

/** Why an endpoint is down, when the console tries again, and a way to try now: under its row in Connections. */
export function ConnectionProblem({ endpoint, onError }: { endpoint: Endpoint; onError(error: ApiError | null): void }) {
  const now = useClock();
  const health = endpoint.health;
  const label = endpoint.name || endpoint.url;
  async function retry() {
    const result = await api.endpoints.retry({ id: endpoint.id });
    onError(result.ok ? null : result.error);
  }
  return (
    <div className="connection-problem" role="group" aria-label={`Connection problem: ${label}`}>
      <p className="connection-reason">{endpoint.lastError}</p>
      <p className="connection-next">
        {health?.nextAttemptAt != null
          ? `Next try ${nextAttempt(health.nextAttemptAt, now)}${health.attempt > 0 ? ` · ${health.attempt} failed ${health.attempt === 1 ? 'try' : 'tries'}` : ''}`
          : endpoint.linkState === 'connecting'
            ? 'Trying now…'
            : 'Not retrying on its own'}
        <button type="button" className="link-button" aria-label={`Retry now: ${label}`} onClick={() => void retry()}>
          Retry now
        </button>
      </p>
    </div>
  );
}
