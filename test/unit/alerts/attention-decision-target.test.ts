import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AttentionService } from '../../../src/main/core/alerts/attention-service';
import { TIMELINE_NOTE_KEY } from '../../../src/main/core/lib/timeline-note';
import { DEFAULT_NOTIFICATION_SETTINGS, directConversationId, type Message, type NotificationRequest } from '../../../src/shared/domain';

function incoming(id: string, data: Record<string, unknown> | null, text: string): Message {
  return {
    id,
    conversationId: directConversationId('cmo'),
    agentId: 'cmo',
    direction: 'in',
    from: 'cmo',
    to: 'operator',
    intent: 'chat',
    text,
    data,
    priority: 'normal',
    replyTo: null,
    status: 'received',
    createdAt: 0,
  };
}

test("the note of a proposed decision notifies with the decision as its target (so a click, or Approve, acts on it)", () => {
  const notified: NotificationRequest[] = [];
  const attention = new AttentionService({
    now: () => 0,
    settings: () => ({ ...DEFAULT_NOTIFICATION_SETTINGS, coalesceWindowS: 0 }),
    counts: () => ({ firingAlerts: 0, criticalAlerts: 0, pendingDecisions: 1 }),
    agentName: () => 'CMO Twin',
    notify: (request) => notified.push(request),
    countsChanged: () => {},
  });
  attention.onAgentMessage(incoming('note:decision:cmo:d1', { [TIMELINE_NOTE_KEY]: 'decision', decision_id: 'd1' }, 'Decision proposed: Raise the budget'));
  assert.deepEqual(notified.map((n) => n.target), [{ kind: 'decision', id: 'd1', agentId: 'cmo' }]);
});
