import type { Alert, AttentionCounts, Message, NotificationRequest, NotificationSettings } from '../../../shared/domain';
import { timelineNoteKind } from '../lib/timeline-note';
import { type AttentionEvent, NotificationPolicy, type ViewState } from './notification-policy';

export interface AttentionServiceDeps {
  now: () => number;
  settings: () => NotificationSettings;
  counts: () => AttentionCounts;
  agentName: (agentId: string) => string;
  notify: (request: NotificationRequest) => void;
  countsChanged: (counts: AttentionCounts) => void;
  minuteOfDay?: (now: number) => number;
}

/**
 * Turns what happens (agent messages, alerts) into the few notifications that deserve the operator, via the
 * NotificationPolicy, and keeps the badge counts current. Hosts only display what it asks for.
 */
export class AttentionService {
  private readonly policy: NotificationPolicy;
  private view: ViewState = { windowFocused: false, conversationId: null };
  private lastCounts: AttentionCounts | null = null;

  constructor(private readonly deps: AttentionServiceDeps) {
    this.policy = new NotificationPolicy(deps.settings, deps.minuteOfDay);
  }

  setView(view: ViewState): void {
    this.view = view;
  }

  onAgentMessage(message: Message): void {
    if (message.direction !== 'in') return;
    // The timeline note of an alert: the alert itself already went through the policy.
    const note = timelineNoteKind(message);
    if (note === 'alert') return;
    const agentName = this.deps.agentName(message.agentId);
    this.offer({
      id: message.id,
      agentId: message.agentId,
      agentName,
      kind: 'message',
      severity: null,
      needsOperator: note === 'decision' || message.priority === 'urgent' || /@operator\b/i.test(message.text ?? ''),
      conversationId: message.conversationId,
      title: agentName,
      body: (message.text ?? `New ${message.intent.replace('_', ' ')} message`).slice(0, 240),
      target: decisionTarget(message) ?? { kind: 'conversation', id: message.conversationId },
    });
  }

  onAlert(alert: Alert): void {
    this.offer({
      id: `${alert.id}:${alert.count}`,
      agentId: alert.agentId,
      agentName: alert.agentId ? this.deps.agentName(alert.agentId) : 'Twin Console',
      kind: 'alert',
      severity: alert.severity,
      needsOperator: alert.severity === 'critical',
      conversationId: null,
      title: alert.title,
      body: alert.body ?? (alert.agentId ? this.deps.agentName(alert.agentId) : ''),
      target: { kind: 'alert', id: alert.id },
    });
  }

  /** Publishes coalesced summaries that are due and refreshes the counts. Called every second. */
  tick(): void {
    for (const request of this.policy.due(this.deps.now())) this.deps.notify(request);
    this.refreshCounts();
  }

  counts(): AttentionCounts {
    return this.deps.counts();
  }

  refreshCounts(): void {
    const counts = this.deps.counts();
    const last = this.lastCounts;
    if (
      last &&
      last.firingAlerts === counts.firingAlerts &&
      last.criticalAlerts === counts.criticalAlerts &&
      last.pendingDecisions === counts.pendingDecisions
    ) {
      return;
    }
    this.lastCounts = counts;
    this.deps.countsChanged(counts);
  }

  private offer(event: AttentionEvent): void {
    const request = this.policy.offer(event, this.deps.now(), this.view);
    if (request) this.deps.notify(request);
  }
}

/** The console's note of a proposed decision opens the decision itself (and carries its native Approve button). */
function decisionTarget(message: Message): NotificationRequest['target'] | null {
  const id = message.data?.decision_id;
  if (timelineNoteKind(message) !== 'decision' || typeof id !== 'string') return null;
  return { kind: 'decision', id, agentId: message.agentId };
}
