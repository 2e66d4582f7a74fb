import type { Alert, Decision, Message } from '../../../shared/domain';
import { directConversationId, OPERATOR_ID } from '../../../shared/domain';
import type { EventBus } from '../lib/event-bus';
import type { MessageRepository } from '../store/message-repository';

/** `data` key that marks a log entry the console wrote about an agent's alert or decision (not a wire message). */
export const TIMELINE_NOTE_KEY = 'console_note';
export type TimelineNoteKind = 'alert' | 'decision';

export function timelineNoteKind(message: Pick<Message, 'data'>): TimelineNoteKind | null {
  const kind = message.data?.[TIMELINE_NOTE_KEY];
  return kind === 'alert' || kind === 'decision' ? kind : null;
}

/**
 * Puts what an agent raised (an alert that fired, reopened or escalated; a decision it proposed) into its direct
 * conversation, so the history reads as one timeline, search finds them, and "has an alert or decision" can filter.
 * Note ids are derived from what they record, so a note is logged once however often the event is replayed.
 */
export function createTimelineNotes(deps: {
  messages: MessageRepository;
  events: EventBus;
  now: () => number;
  agentName: (agentId: string) => string;
}) {
  const log = (agentId: string, id: string, text: string, data: Record<string, unknown>) => {
    const now = deps.now();
    const message: Message = {
      id,
      conversationId: directConversationId(agentId),
      agentId,
      direction: 'in',
      from: agentId,
      to: OPERATOR_ID,
      intent: 'chat',
      text,
      data,
      priority: 'normal',
      replyTo: null,
      status: 'received',
      createdAt: now,
    };
    if (deps.messages.insert({ ...message, seq: null }, deps.agentName(agentId), now)) deps.events.emit('message:changed', message);
  };

  return {
    alert(alert: Alert, kind: 'fired' | 'reopened' | 'escalated'): void {
      // Only what the agent itself raised: the console's rules (offline, RTT, bad frames…) are about the agent, and
      // live in the alerts inbox, not in what the agent said.
      if (alert.agentId === null || alert.source !== 'agent') return;
      const what = kind === 'fired' ? 'Alert' : kind === 'reopened' ? 'Alert reopened' : 'Alert escalated';
      log(alert.agentId, `note:alert:${alert.id}:${alert.count}:${alert.severity}`, `${what} (${alert.severity}): ${alert.title}${alert.body ? ` — ${alert.body}` : ''}`, {
        [TIMELINE_NOTE_KEY]: 'alert',
        alert_id: alert.id,
        severity: alert.severity,
      });
    },
    /** Called on every change of a decision; only its first sighting is logged (the note id is the decision's). */
    decision(decision: Decision): void {
      log(
        decision.agentId,
        `note:decision:${decision.agentId}:${decision.id}`,
        `Decision proposed (${Math.round(decision.confidence * 100)}% confident): ${decision.summary}`,
        { [TIMELINE_NOTE_KEY]: 'decision', decision_id: decision.id },
      );
    },
  };
}
