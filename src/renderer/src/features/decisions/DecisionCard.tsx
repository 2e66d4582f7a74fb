import type { Decision } from '@shared/domain';
import { ConfirmPanel } from '../../ui/ConfirmPanel';
import { fieldLabel, formatActor, formatAgo, formatField, formatFullTime, formatTime, formatTimeLeft } from '../../ui/format';
import { useClock } from '../agents/use-clock';
import { isHighRisk } from './decision-risk';
import { isPerformanceKey, type Outcome } from './decision-triage';
import { TrackRecord } from './TrackRecord';

export interface DecisionCardTriage {
  selected: boolean;
  checked: boolean;
  onCheck(range: boolean): void;
  onSelect(): void;
  comment: string;
  onComment(comment: string): void;
  /** The answer waiting for its Undo window, if any: the card shows it as given. */
  held: Outcome | null;
  confirming: boolean;
  onConfirming(open: boolean): void;
  onAnswer(outcome: Outcome): void;
}

/**
 * One decision: what, why, how sure, with what context and until when (a countdown), and the agent's track record;
 * approve (y) or reject (n) with a comment. A decision the agent marked high-risk asks for a deliberate confirmation
 * before it is approved. The queue owns the triage state (selection, checkbox, comment, held answer), so the keys and
 * the buttons do the same thing.
 */
export function DecisionCard({
  decision,
  agentName,
  names,
  triage,
}: {
  decision: Decision;
  agentName: string;
  names?: Map<string, string>;
  /** Only pending decisions are triaged. */
  triage?: DecisionCardTriage;
}) {
  const now = useClock();
  const pending = decision.state === 'pending';
  const held = triage?.held ?? null;
  const risky = isHighRisk(decision);
  const entries = Object.entries(decision.context ?? {}).filter(([k]) => k !== 'risk');
  const context = entries.filter(([k]) => !isPerformanceKey(k));
  const reported = entries.filter(([k]) => isPerformanceKey(k));
  const shownState = held ?? decision.state;

  const expiring = decision.expiresAt !== null && decision.expiresAt - now < 5 * 60_000;
  return (
    <article
      className={`decision-card state-${shownState}${triage?.selected ? ' focused' : ''}${triage?.checked ? ' checked' : ''}${risky ? ' risky' : ''}${held ? ' held' : ''}`}
      data-decision-id={decision.id}
      data-state={decision.state}
      aria-label={`Decision: ${decision.summary}`}
      aria-current={triage?.selected ? 'true' : undefined}
      onClick={triage?.onSelect}
    >
      <header>
        {triage && !held && (
          <input
            type="checkbox"
            className="row-check"
            aria-label={`Select ${decision.summary}`}
            checked={triage.checked}
            onClick={(e) => {
              e.stopPropagation();
              triage.onCheck(e.shiftKey);
            }}
            onChange={() => {}}
          />
        )}
        <span className="decision-agent">{agentName}</span>
        <span className="muted" title={formatFullTime(decision.createdAt)}>
          {formatAgo(decision.createdAt, now)}
        </span>
        {risky && <span className="risk-tag">High risk</span>}
        <span className={`decision-state decision-${shownState}`}>
          {held ? `${held} · sending` : decision.state}
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
      {pending && <TrackRecord agentId={decision.agentId} agentName={agentName} reported={reported} />}
      {pending && !held && (
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
      {pending && held && (
        <p className="muted decision-outcome">
          {held === 'approved' ? 'Approved' : 'Rejected'}
          {triage?.comment.trim() ? `: “${triage.comment.trim()}”` : ''} · goes to {agentName} when the Undo time is up.
        </p>
      )}
      {pending && triage && !held && (
        <>
          <div className="decision-actions" onClick={(e) => e.stopPropagation()}>
            <input
              aria-label="Comment"
              placeholder="Comment for the agent (optional)"
              value={triage.comment}
              onFocus={triage.onSelect}
              onChange={(e) => triage.onComment(e.target.value)}
            />
            <button
              type="button"
              className="approve"
              title={risky ? 'Approve, after a confirmation (y)' : 'Approve (y)'}
              aria-keyshortcuts="y"
              onClick={() => (risky ? triage.onConfirming(true) : triage.onAnswer('approved'))}
            >
              Approve{risky ? '…' : ''}
            </button>
            <button type="button" className="reject" title="Reject (n)" aria-keyshortcuts="n" onClick={() => triage.onAnswer('rejected')}>
              Reject
            </button>
          </div>
          {triage.confirming && (
            <ConfirmPanel
              title="Confirm a high-risk approval"
              detail={`${agentName} will go ahead with: ${decision.summary}. ${agentName} marked this high risk.`}
              confirmLabel="Approve anyway"
              onConfirm={() => triage.onAnswer('approved')}
              onCancel={() => triage.onConfirming(false)}
            />
          )}
        </>
      )}
      {!pending && (
        <p className="muted decision-outcome">
          {decision.state === 'expired'
            ? 'Expired before anyone decided.'
            : `${decision.state === 'approved' ? 'Approved' : 'Rejected'} by ${formatActor(decision.decidedBy ?? 'operator', (id) => names?.get(id))}${decision.comment ? `: “${decision.comment}”` : ''}`}
          {decision.decidedAt !== null && ` · ${formatTime(decision.decidedAt, now)}`}
          {decision.resultAckedAt !== null && ' · agent confirmed'}
        </p>
      )}
    </article>
  );
}
