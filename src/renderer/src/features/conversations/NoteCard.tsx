import { useState } from 'react';
import type { Alert, Decision, Message } from '@shared/domain';
import { api } from '../../lib/api';
import { ConfirmPanel } from '../../ui/ConfirmPanel';
import { formatActor, formatFullTime, formatTime, formatTimeLeft } from '../../ui/format';
import { MentionText } from '../../ui/MentionText';
import { useUndoQueue } from '../../ui/UndoToast';
import { undoQueue } from '../../ui/undo-queue';
import { useClock } from '../agents/use-clock';
import { AlertActions, type AlertAction } from '../alerts/AlertActions';
import { actionLabel, applicable, commitOf, commitSilence, effectsOf, withHeld } from '../alerts/alert-triage';
import { SilenceForm } from '../alerts/SilenceForm';
import { isHighRisk } from '../decisions/decision-risk';
import { heldOutcome, holdAnswers } from '../decisions/decision-triage';
import { useNoteAlert, useNoteDecision } from './use-note-items';
import './note-card.css';

type NoteKind = 'alert' | 'decision';

/** The kind of console note a message is (core/timeline), or null for an ordinary message. */
export function noteKind(message: Message): NoteKind | null {
  const kind = message.data?.console_note;
  return kind === 'alert' || kind === 'decision' ? kind : null;
}

const idOf = (message: Message, key: string): string | null => (typeof message.data?.[key] === 'string' ? (message.data[key] as string) : null);

/**
 * A console note in a conversation as a card, the way Slack shows an app's message: the alert or decision as it is
 * now (read from the lists the console already keeps live, so it changes when the item is settled anywhere), its
 * actions, and a link to it in its own view. Every action goes the one way the inboxes use: held for Undo.
 */
export function NoteCard({ message, agentName, names }: { message: Message; agentName: string; names?: ReadonlyMap<string, string> }) {
  const kind = noteKind(message);
  if (kind === 'decision') return <DecisionNote message={message} agentName={agentName} names={names} />;
  if (kind === 'alert') return <AlertNote message={message} agentName={agentName} names={names} />;
  return null;
}

/** Not among the loaded items (old, or still loading): the note's own words, with the link that opens the item. */
function Fallback({ message, names, openLabel, onOpen }: { message: Message; names?: ReadonlyMap<string, string>; openLabel: string; onOpen(): void }) {
  return (
    <>
      <p className="message-text">
        <MentionText text={message.text ?? ''} names={names} />
      </p>
      <div className="note-card-actions">
        <button type="button" className="link-button note-link" onClick={onOpen}>
          {openLabel}
        </button>
      </div>
    </>
  );
}

function DecisionNote({ message, agentName, names }: { message: Message; agentName: string; names?: ReadonlyMap<string, string> }) {
  const id = idOf(message, 'decision_id');
  const { decision } = useNoteDecision(message.agentId, id);
  const { held } = useUndoQueue();
  const [confirming, setConfirming] = useState(false);
  // The same path a notification click takes: the app opens the decision in Needs you.
  const open = () => id && void api.attention.open({ target: { kind: 'decision', id, agentId: message.agentId } });
  if (!decision) return <Fallback message={message} names={names} openLabel="Open decision" onOpen={open} />;

  const answer = heldOutcome(decision, held);
  const pending = decision.state === 'pending' && answer === null;
  const risky = isHighRisk(decision);
  const shown = answer ?? decision.state;
  return (
    <div className={`note-card note-card-decision state-${shown}`} role="group" aria-label={`Decision: ${decision.summary}`}>
      <div className="note-card-head">
        <span className="note-card-kind">Decision</span>
        {risky && <span className="risk-tag">High risk</span>}
        <span className={`decision-state decision-${shown}`}>{answer ? `${answer} · sending` : decision.state}</span>
      </div>
      <p className="note-card-title">{decision.summary}</p>
      <p className="note-card-meta muted">{Math.round(decision.confidence * 100)}% confident</p>
      <DecisionStatus decision={decision} answer={answer} agentName={agentName} names={names} />
      <div className="note-card-actions">
        {pending && (
          <>
            <button
              type="button"
              className="approve"
              title={risky ? 'Approve, after a confirmation' : 'Approve'}
              onClick={() => (risky ? setConfirming(true) : holdAnswers([decision], 'approved'))}
            >
              Approve{risky ? '…' : ''}
            </button>
            <button type="button" className="reject" onClick={() => holdAnswers([decision], 'rejected')}>
              Reject
            </button>
          </>
        )}
        <button type="button" className="link-button note-link" onClick={open}>
          Open decision
        </button>
      </div>
      {pending && confirming && (
        <ConfirmPanel
          title="Confirm a high-risk approval"
          detail={`${agentName} will go ahead with: ${decision.summary}. ${agentName} marked this high risk.`}
          confirmLabel="Approve anyway"
          onConfirm={() => {
            setConfirming(false);
            holdAnswers([decision], 'approved');
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

/** Where the decision stands, in words: time left while it waits, who settled it and when afterwards. */
function DecisionStatus({
  decision,
  answer,
  agentName,
  names,
}: {
  decision: Decision;
  answer: 'approved' | 'rejected' | null;
  agentName: string;
  names?: ReadonlyMap<string, string>;
}) {
  const waiting = decision.state === 'pending' && answer === null;
  // Only a waiting decision counts down; a settled card does not need a clock ticking.
  const now = useClock(1000, !waiting);
  if (answer) {
    return (
      <p className="note-card-status">
        {answer === 'approved' ? 'Approved' : 'Rejected'} · goes to {agentName} when the Undo time is up.
      </p>
    );
  }
  if (waiting) {
    const soon = decision.expiresAt !== null && decision.expiresAt - now < 5 * 60_000;
    return (
      <p className={`note-card-status${soon ? ' expiring' : ''}`}>
        Waiting for you ·{' '}
        {decision.expiresAt === null ? (
          'no deadline'
        ) : (
          <>
            <strong>{formatTimeLeft(decision.expiresAt, now)}</strong> (until{' '}
            <time dateTime={new Date(decision.expiresAt).toISOString()} title={formatFullTime(decision.expiresAt)}>
              {formatTime(decision.expiresAt, now)}
            </time>
            )
          </>
        )}
      </p>
    );
  }
  if (decision.state === 'expired') return <p className="note-card-status">Expired before anyone decided.</p>;
  const by = formatActor(decision.decidedBy ?? 'operator', (agentId) => names?.get(agentId.toLowerCase()));
  return (
    <p className="note-card-status">
      {decision.state === 'approved' ? 'Approved' : 'Rejected'} by {by}
      {decision.decidedAt !== null && ` · ${formatTime(decision.decidedAt)}`}
      {decision.comment ? `: “${decision.comment}”` : ''}
    </p>
  );
}

const ALERT_STATE: Record<Alert['state'], string> = { firing: 'Firing', acknowledged: 'Acknowledged', resolved: 'Resolved' };

function AlertNote({ message, agentName, names }: { message: Message; agentName: string; names?: ReadonlyMap<string, string> }) {
  const id = idOf(message, 'alert_id');
  const { alert: stored } = useNoteAlert(id);
  const { held } = useUndoQueue();
  const [silencing, setSilencing] = useState(false);
  // The same path a notification click takes: the app opens the alert in the inbox.
  const open = () => id && void api.attention.open({ target: { kind: 'alert', id } });
  if (!stored) return <Fallback message={message} names={names} openLabel="Open alert" onOpen={open} />;

  // Held actions show as done, as in the inbox.
  const alert = held.length === 0 ? stored : withHeld(stored, held);
  function act(action: AlertAction) {
    const targets = applicable(action, [alert]);
    if (targets.length === 0) return;
    if (action === 'silence') return setSilencing(true);
    undoQueue.hold(actionLabel(action, targets), effectsOf(action, targets), commitOf(action, targets));
  }

  return (
    <div className={`note-card note-card-alert state-${alert.state}`} role="group" aria-label={`Alert: ${alert.title}`}>
      <div className="note-card-head">
        <span className="note-card-kind">Alert</span>
        <span className={`severity severity-${alert.severity}`}>{alert.severity}</span>
        <span className="note-card-state">
          {ALERT_STATE[alert.state]}
          {alert.silenced ? ' · silenced' : ''}
        </span>
      </div>
      <p className="note-card-title">{alert.title}</p>
      {alert.body && <p className="note-card-body">{alert.body}</p>}
      <p className="note-card-meta muted">
        {alert.count > 1 ? `Raised ${alert.count} times, last at ` : 'Raised at '}
        <time dateTime={new Date(alert.lastSeenAt).toISOString()} title={formatFullTime(alert.lastSeenAt)}>
          {formatTime(alert.lastSeenAt)}
        </time>
      </p>
      <div className="note-card-actions">
        <AlertActions alert={alert} onAction={act} />
        <button type="button" className="link-button note-link" onClick={open}>
          Open alert
        </button>
      </div>
      {silencing && (
        <SilenceForm
          alerts={[alert]}
          agentName={agentName}
          onSilence={(request) => {
            setSilencing(false);
            undoQueue.hold(actionLabel('silence', [alert]), effectsOf('silence', [alert]), commitSilence(request));
          }}
          onCancel={() => setSilencing(false)}
        />
      )}
    </div>
  );
}
