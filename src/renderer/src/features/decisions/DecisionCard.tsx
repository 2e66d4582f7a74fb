import { useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Decision } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ago, inTime, useClock } from '../agents/use-clock';

/** One decision: what, why, how sure, with what context and until when; approve or reject with a comment. */
export function DecisionCard({ decision, agentName, focused }: { decision: Decision; agentName: string; focused?: boolean }) {
  const now = useClock();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const pending = decision.state === 'pending';

  async function decide(outcome: 'approved' | 'rejected') {
    setBusy(true);
    const result = await api.decisions.decide({ agentId: decision.agentId, id: decision.id, outcome, ...(comment.trim() ? { comment } : {}) });
    setBusy(false);
    setError(result.ok ? null : result.error);
  }

  return (
    <article
      className={`decision-card state-${decision.state}${focused ? ' focused' : ''}`}
      data-decision-id={decision.id}
      data-state={decision.state}
      aria-label={`Decision: ${decision.summary}`}
    >
      <header>
        <span className="decision-agent">{agentName}</span>
        <span className="muted">{ago(decision.createdAt, now)}</span>
        <span className={`decision-state decision-${decision.state}`}>
          {decision.state}
          {decision.auto ? ' (auto)' : ''}
        </span>
      </header>
      <h3>{decision.summary}</h3>
      <div className="confidence" title={`Confidence ${Math.round(decision.confidence * 100)}%`}>
        <span style={{ width: `${Math.round(decision.confidence * 100)}%` }} />
        <em>{Math.round(decision.confidence * 100)}% confident</em>
      </div>
      {decision.reasoning && <p className="decision-reasoning">{decision.reasoning}</p>}
      {decision.context && Object.keys(decision.context).length > 0 && (
        <dl className="decision-context">
          {Object.entries(decision.context).map(([k, v]) => (
            <div key={k}>
              <dt>{k.replace(/_/g, ' ')}</dt>
              <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {decision.expiresAt !== null && pending && <p className="muted decision-expiry">Expires {inTime(decision.expiresAt, now)}</p>}
      {pending ? (
        <div className="decision-actions">
          <input
            aria-label="Comment"
            placeholder="Comment for the agent (optional)"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="button" className="approve" disabled={busy} onClick={() => void decide('approved')}>
            Approve
          </button>
          <button type="button" className="reject" disabled={busy} onClick={() => void decide('rejected')}>
            Reject
          </button>
        </div>
      ) : (
        <p className="muted decision-outcome">
          {decision.state === 'expired'
            ? 'Expired before anyone decided.'
            : `${decision.state === 'approved' ? 'Approved' : 'Rejected'} by ${decision.decidedBy ?? 'operator'}${decision.comment ? `: “${decision.comment}”` : ''}`}
          {decision.resultAckedAt !== null && ' · agent confirmed'}
        </p>
      )}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </article>
  );
}
