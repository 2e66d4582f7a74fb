import { useEffect, useMemo, useRef, useState } from 'react';
import type { Agent, Decision } from '@shared/domain';
import { ConfirmPanel } from '../../ui/ConfirmPanel';
import { SelectAllBox } from '../../ui/SelectAllBox';
import { isTypingTarget } from '../../ui/typing-target';
import { useBulkSelection } from '../../ui/use-bulk-selection';
import { useUndoQueue } from '../../ui/UndoToast';
import { useViewKeys } from '../../ui/use-view-keys';
import type { ApiError } from '@shared/contract';
import { ViewState } from '../../ui/ViewState';
import { DecisionCard } from './DecisionCard';
import { DecisionPolicy } from './DecisionPolicy';
import { isHighRisk } from './decision-risk';
import { decisionKey, heldOutcome, holdAnswers, type Outcome } from './decision-triage';
import './decisions.css';

/**
 * The "needs you" queue (oldest waiting first), triaged like the alerts inbox: j/k or arrows move, Enter opens the
 * comment, x checks, y approves, n rejects, z undoes; an answer applies to the checked decisions, or else to the
 * highlighted one, is held for Undo, and the highlight moves on to the next one. Below, the history of what was decided.
 */
export function DecisionsQueue({
  decisions,
  agents,
  focusId,
  loading = false,
  error = null,
}: {
  decisions: Decision[];
  agents: Agent[];
  focusId: string | null;
  loading?: boolean;
  error?: ApiError | null;
}) {
  const names = useMemo(() => new Map(agents.map((a) => [a.id, a.name])), [agents]);
  const nameOf = (d: Decision) => names.get(d.agentId) ?? d.agentId;
  const { held } = useUndoQueue();
  const pending = useMemo(() => decisions.filter((d) => d.state === 'pending').sort((a, b) => a.createdAt - b.createdAt), [decisions]);
  const history = decisions.filter((d) => d.state !== 'pending');
  // Answered decisions stay in place (greyed, "sending") until the Undo time is up, but triage moves past them.
  const waiting = useMemo(() => pending.filter((d) => heldOutcome(d, held) === null), [pending, held]);
  const waitingKeys = useMemo(() => waiting.map(decisionKey), [waiting]);
  const bulk = useBulkSelection(waitingKeys);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [comments, setComments] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [confirming, setConfirming] = useState<string | null>(null);
  const [bulkConfirm, setBulkConfirm] = useState(false);
  const lastIndex = useRef(0);
  const view = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const focused = focusId === null ? undefined : waiting.find((d) => d.id === focusId);
    if (focused) setSelectedKey(decisionKey(focused));
    // Only when asked to focus one (palette, notification, Alt+D), not whenever the list changes.
  }, [focusId]);

  // Pinned by key: a decision that arrives never takes the highlight; when the highlighted one is answered or
  // leaves, the one now at its place takes over (the next one down).
  const index = waiting.findIndex((d) => decisionKey(d) === selectedKey);
  if (index >= 0) lastIndex.current = index;
  const selected = index >= 0 ? waiting[index]! : (waiting[Math.min(lastIndex.current, waiting.length - 1)] ?? null);
  useEffect(() => {
    if (selected && decisionKey(selected) !== selectedKey) setSelectedKey(decisionKey(selected));
  }, [selected, selectedKey]);

  function select(decision: Decision | null) {
    if (!decision) return;
    setSelectedKey(decisionKey(decision));
    requestAnimationFrame(() =>
      body.current?.querySelector(`[data-decision-id="${CSS.escape(decision.id)}"][aria-current="true"]`)?.scrollIntoView({ block: 'nearest' }),
    );
  }

  function targets(): Decision[] {
    if (bulk.checked.size > 0) return waiting.filter((d) => bulk.checked.has(decisionKey(d)));
    return selected ? [selected] : [];
  }

  function answer(list: Decision[], outcome: Outcome) {
    if (list.length === 0) return;
    setConfirming(null);
    setBulkConfirm(false);
    holdAnswers(list, outcome, comments);
    bulk.clear();
    // Nothing to do for the highlight: the answered ones leave `waiting`, so the next one down takes over.
  }

  /** Approve asks first when any of the decisions is high risk: from the card for one, from the bar for several. */
  function approve(list: Decision[]) {
    if (!list.some(isHighRisk)) return answer(list, 'approved');
    if (list.length === 1) setConfirming(decisionKey(list[0]!));
    else setBulkConfirm(true);
  }

  function move(delta: number) {
    if (waiting.length === 0) return;
    const at = Math.max(0, index);
    select(waiting[Math.min(waiting.length - 1, Math.max(0, at + delta))] ?? null);
  }

  useViewKeys(view, (event) => {
    if (event.defaultPrevented || confirming !== null || bulkConfirm || isTypingTarget(event.target)) return;
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        move(1);
        break;
      case 'k':
      case 'ArrowUp':
        move(-1);
        break;
      case 'Enter':
        if (event.target instanceof HTMLButtonElement || !selected) return;
        body.current?.querySelector<HTMLInputElement>('[aria-current="true"] input[aria-label="Comment"]')?.focus();
        break;
      case 'x':
        if (selected) bulk.toggle(decisionKey(selected));
        break;
      case 'y':
        approve(targets());
        break;
      case 'n':
        answer(targets(), 'rejected');
        break;
      case 'Escape':
        if (!bulk.some) return;
        bulk.clear();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  const checked = waiting.filter((d) => bulk.checked.has(decisionKey(d)));
  const riskyChecked = checked.filter(isHighRisk).length;
  return (
    <section className="decisions" aria-label="Decisions" ref={view} tabIndex={-1}>
      <header className="alerts-toolbar">
        <h2>Needs you</h2>
        <span className="muted">{waiting.length} waiting</span>
        <span className="muted keys" aria-hidden="true">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> comment · <kbd>x</kbd> select · <kbd>y</kbd> approve · <kbd>n</kbd> reject · <kbd>z</kbd> undo · Alt+D next
        </span>
      </header>
      <DecisionPolicy />
      <div className="bulk-bar" role="toolbar" aria-label="Bulk actions on decisions">
        <SelectAllBox selection={bulk} count={waiting.length} noun="waiting decisions" />
        {bulk.some ? (
          <>
            <span className="bulk-count">{checked.length} selected</span>
            <button type="button" className="secondary" title="Approve selected (y)" onClick={() => approve(checked)}>
              Approve selected{riskyChecked > 0 ? '…' : ''}
            </button>
            <button type="button" className="secondary" title="Reject selected (n)" onClick={() => answer(checked, 'rejected')}>
              Reject selected
            </button>
            <button type="button" className="link-button" title="Clear the selection (Esc)" onClick={bulk.clear}>
              Clear selection
            </button>
          </>
        ) : (
          <span className="muted">Check decisions (x, or shift-click for a range) to answer several at once.</span>
        )}
      </div>
      {bulkConfirm && (
        <ConfirmPanel
          title="Confirm a high-risk approval"
          detail={`${checked.length} decisions will go ahead, ${riskyChecked} of them marked high risk by their agent: ${checked
            .filter(isHighRisk)
            .map((d) => `${nameOf(d)}: ${d.summary}`)
            .join('; ')}.`}
          confirmLabel={`Approve all ${checked.length}`}
          onConfirm={() => answer(checked, 'approved')}
          onCancel={() => setBulkConfirm(false)}
        />
      )}
      <div className="decisions-body" ref={body}>
        {pending.length === 0 && (
          <ViewState
            what="decisions"
            loading={loading}
            error={error}
            empty
            emptyTitle="Nothing waits for you"
            emptyHint="When an agent proposes an action that needs your approval, it waits here with its reasoning and time left. Agents in semi-automatic or automatic mode may go ahead on their own."
          >
            {null}
          </ViewState>
        )}
        {pending.map((d) => {
          const key = decisionKey(d);
          return (
            <DecisionCard
              key={key}
              decision={d}
              agentName={nameOf(d)}
              triage={{
                selected: selected !== null && decisionKey(selected) === key,
                checked: bulk.checked.has(key),
                onCheck: (range) => bulk.toggle(key, range),
                onSelect: () => setSelectedKey(key),
                comment: comments.get(key) ?? '',
                onComment: (comment) => setComments((current) => new Map(current).set(key, comment)),
                held: heldOutcome(d, held),
                confirming: confirming === key,
                onConfirming: (open) => setConfirming(open ? key : null),
                onAnswer: (outcome) => answer([d], outcome),
              }}
            />
          );
        })}
        {history.length > 0 && <h3 className="decisions-history">History</h3>}
        {history.map((d) => (
          <DecisionCard key={decisionKey(d)} decision={d} agentName={nameOf(d)} names={names} />
        ))}
      </div>
    </section>
  );
}
