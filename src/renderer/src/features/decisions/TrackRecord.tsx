import type { DecisionTrackRecord } from '@shared/domain';
import { refetchOn, type QuerySpec, queryKey } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';
import { fieldLabel, formatField } from '../../ui/format';

const specs = new Map<string, QuerySpec<DecisionTrackRecord>>();
/** One cache entry per agent, read again when one of its decisions changes. */
function trackRecordQuery(agentId: string): QuerySpec<DecisionTrackRecord> {
  let spec = specs.get(agentId);
  if (!spec) {
    spec = {
      key: queryKey('decisions:track-record', { agentId }),
      load: (invoke) => invoke('decisions:track-record', { agentId }),
      refetchOn: [refetchOn('decision:changed', (d) => d.agentId === agentId)],
    };
    specs.set(agentId, spec);
  }
  return spec;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The agent's track record on a decision card: how its earlier decisions went, counted from the log, and what the
 * agent itself reports about its past performance (success rate, attempts…) in the decision's context.
 */
export function TrackRecord({ agentId, agentName, reported }: { agentId: string; agentName: string; reported: [string, unknown][] }) {
  const { data } = useQuery(trackRecordQuery(agentId));
  const decided = data ? data.approved + data.rejected + data.expired : 0;
  return (
    <section className="track-record" aria-label={`Track record of ${agentName}`}>
      <h4>Track record</h4>
      {data && (
        <p>
          {decided === 0 ? (
            <span className="muted">No earlier decisions from {agentName} in the log.</span>
          ) : (
            <>
              <span className="track-approved">{data.approved} approved</span>
              {data.autoApproved > 0 && <span className="muted"> ({data.autoApproved} by the agent's mode)</span>}
              {' · '}
              <span className="track-rejected">{data.rejected} rejected</span>
              {' · '}
              <span>{data.expired} expired</span>
              <span className="muted"> · of {plural(decided, 'decision')}</span>
            </>
          )}
        </p>
      )}
      {reported.length > 0 && (
        <dl className="decision-context track-reported" aria-label={`Reported by ${agentName}`}>
          {reported.map(([k, v]) => (
            <div key={k}>
              <dt>{fieldLabel(k)}</dt>
              <dd>{formatField(k, v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
