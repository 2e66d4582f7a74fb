import { useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Decision } from '@shared/domain';
import { api } from '../../lib/api';
import { ConfirmPanel } from '../../ui/ConfirmPanel';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { fieldLabel, formatActor, formatAgo, formatField, formatFullTime, formatTime, formatTimeLeft } from '../../ui/format';
import { useClock } from '../agents/use-clock';
import { isHighRisk } from './decision-risk';

/**
 * One decision: what, why, how sure, with what context and until when (a countdown); approve or reject with a
 * comment. A decision the agent marked high-risk asks for a deliberate confirmation before it is approved.
 */
export function DecisionCard({
  decision,
  agentName,
  focused,
  confirmRequested,
  names,
}: {
  decision: Decision;
  agentName: string;
  focused?: boolean;
  /** The palette asked to approve it: open the confirmation right away. */
  confirmRequested?: boolean;
  names?: Map<string, string>;
}) {
  const now = useClock();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const pending = decision.state === 'pending';
  const risky = isHighRisk(decision);
  const context = Object.entries(decision.context ?? {}).filter(([k]) => k !== 'risk');

  useEffect(() => {
    if (confirmRequested && pending) setConfirming(true);
  }, [confirmRequested, pending]);

  async function decide(outcome: 'approved' | 'rejected') {
    setBusy(true);
    setConfirming(false);
    const result = await api.decisions.decide({ agentId: decision.agentId, id: decision.id, outcome, ...(comment.trim() ? { comment } : {}) });
    setBusy(false);
    setError(result.ok ? null : result.error);
  }

  const expiring = decision.expiresAt !== null && decision.expiresAt - now < 5 * 60_000;
  return (
    <article
      className={`decision-card state-${decision.state}${focused ? ' focused' : ''}${risky ? ' risky' : ''}`}
      data-decision-id={decision.id}
      data-state={decision.state}
      aria-label={`Decision: ${decision.summary}`}
    >
      <header>
        <span className="decision-agent">{agentName}</span>
        <span className="muted" title={formatFullTime(decision.createdAt)}>
          {formatAgo(decision.createdAt, now)}
        </span>
        {risky && <span className="risk-tag">High risk</span>}
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
      {context.length > 0 && (
        <dl className="decision-context">
          {context.map(([k, v]) => (
            <div key={k}>
              <dt>{fieldLabel(k)}</dt>
              <dd>{formatField(k, v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {pending && (
        <p className={`decision-expiry${expiring ? ' expiring' : ' muted'}`}>
          {decision.expiresAt === null ? (
            'No deadline'
          ) : (
            <>
              Expires at <time dateTime={new Date(decision.expiresAt).toISOString()}>{formatTime(decision.expiresAt, now)}</time> ·{' '}
              <strong>{formatTimeLeft(decision.expiresAt, now)}</strong>
            </>
          )}
        </p>
      )}
      {pending ? (
        <>
          <div className="decision-actions">
            <input aria-label="Comment" placeholder="Comment for the agent (optional)" value={comment} onChange={(e) => setComment(e.target.value)} />
            <button type="button" className="approve" disabled={busy} onClick={() => (risky ? setConfirming(true) : void decide('approved'))}>
              Approve{risky ? '…' : ''}
            </button>
            <button type="button" className="reject" disabled={busy} onClick={() => void decide('rejected')}>
              Reject
            </button>
          </div>
          {confirming && (
            <ConfirmPanel
              title="Confirm a high-risk approval"
              detail={`${agentName} will go ahead with: ${decision.summary}. ${agentName} marked this high risk.`}
              confirmLabel="Approve anyway"
              onConfirm={() => void decide('approved')}
              onCancel={() => setConfirming(false)}
            />
          )}
        </>
      ) : (
        <p className="muted decision-outcome">
          {decision.state === 'expired'
            ? 'Expired before anyone decided.'
            : `${decision.state === 'approved' ? 'Approved' : 'Rejected'} by ${formatActor(decision.decidedBy ?? 'operator', (id) => names?.get(id))}${decision.comment ? `: “${decision.comment}”` : ''}`}
          {decision.decidedAt !== null && ` · ${formatTime(decision.decidedAt, now)}`}
          {decision.resultAckedAt !== null && ' · agent confirmed'}
        </p>
      )}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </article>
  );
}
