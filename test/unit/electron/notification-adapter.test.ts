import assert from 'node:assert/strict';
import { test } from 'node:test';
import { platformHasNotificationActions, showCoreNotifications, type NotificationFactory } from '../../../src/main/electron/notification-adapter';
import { EventBus } from '../../../src/main/core/lib/event-bus';
import type { Core } from '../../../src/main/core';
import type { Decision, NotificationRequest } from '../../../src/shared/domain';

function decision(id: string, extra: Partial<Decision> = {}): Decision {
  return {
    id,
    agentId: 'cmo-twin',
    summary: `Decision ${id}`,
    reasoning: '',
    confidence: 0.8,
    context: null,
    expiresAt: null,
    state: 'pending',
    comment: null,
    auto: false,
    decidedBy: null,
    decidedAt: null,
    resultAckedAt: null,
    createdAt: 0,
    ...extra,
  };
}

function fakeCore(pending: Decision[] = []) {
  const events = new EventBus((e) => {
    throw e;
  });
  const opened: unknown[] = [];
  const decided: unknown[] = [];
  const core = {
    on: events.on.bind(events),
    api: {
      attention: { open: async (request: unknown) => (opened.push(request), { ok: true, value: {} }) },
      decisions: {
        list: async ({ agentId }: { agentId: string }) => ({ ok: true, value: pending.filter((d) => d.agentId === agentId) }),
        decide: async (request: { id: string }) => {
          decided.push(request);
          const known = pending.find((d) => d.id === request.id);
          // Like the core: a decision that is gone (decided elsewhere, expired) is refused.
          return known ? { ok: true, value: { ...known, state: 'approved' } } : { ok: false, error: { code: 'CONFLICT', message: 'already decided' } };
        },
      },
    },
  } as unknown as Pick<Core, 'on' | 'api'>;
  return { events, core, opened, decided };
}

/** A fake Electron Notification factory: records what was shown, with its click and action listeners. */
function fakeNotifications() {
  const shown: { options: Parameters<NotificationFactory>[0]; click?: () => void; action?: (event: unknown, index: number) => void }[] = [];
  const factory: NotificationFactory = (options) => {
    const entry: (typeof shown)[number] = { options };
    return {
      show: () => void shown.push(entry),
      on: (event: 'click' | 'action', listener: (...args: never[]) => void) => {
        if (event === 'click') entry.click = listener as () => void;
        else entry.action = listener as (event: unknown, index: number) => void;
      },
    } as ReturnType<NotificationFactory>;
  };
  return { shown, factory };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(check(), 'condition never held');
};

const decisionRequest = (id: string, extra: Partial<NotificationRequest> = {}): NotificationRequest => ({
  id: `note:${id}`,
  title: 'CMO Twin',
  body: `Decision proposed: Decision ${id}`,
  severity: null,
  count: 1,
  target: { kind: 'decision', id, agentId: 'cmo-twin' },
  ...extra,
});

test('a notification request is shown natively; clicking it focuses the window and opens the item', async () => {
  const { events, core, opened } = fakeCore();
  const { shown, factory } = fakeNotifications();
  let focused = 0;
  showCoreNotifications(core, factory, () => focused++);
  events.emit('notification:requested', { id: 'n1', title: 'Critical: Coverage', body: 'below 2x', severity: 'critical', count: 1, target: { kind: 'alert', id: 'a1' } });
  await until(() => shown.length === 1);
  assert.deepEqual(shown[0]!.options, { title: 'Critical: Coverage', body: 'below 2x', urgency: 'critical' });
  shown[0]!.click!();
  assert.equal(focused, 1);
  assert.deepEqual(opened, [{ target: { kind: 'alert', id: 'a1' } }]);
});

test('only macOS and Windows get notification buttons', () => {
  assert.equal(platformHasNotificationActions('darwin'), true);
  assert.equal(platformHasNotificationActions('win32'), true);
  assert.equal(platformHasNotificationActions('linux'), false);
});

test('a waiting decision offers Approve and Open; Approve settles it through the core, without opening the window', async () => {
  const { events, core, opened, decided } = fakeCore([decision('d1')]);
  const { shown, factory } = fakeNotifications();
  let focused = 0;
  showCoreNotifications(core, factory, () => focused++, { actions: true });
  events.emit('notification:requested', decisionRequest('d1'));
  await until(() => shown.length === 1);
  assert.deepEqual(shown[0]!.options.actions, [{ type: 'button', text: 'Approve' }, { type: 'button', text: 'Open' }]);
  shown[0]!.action!({}, 0);
  await until(() => decided.length === 1);
  assert.deepEqual(decided, [{ agentId: 'cmo-twin', id: 'd1', outcome: 'approved' }]);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(focused, 0);
  assert.deepEqual(opened, []);

  // Open, and a click on the body, both show the decision itself.
  shown[0]!.action!({}, 1);
  shown[0]!.click!();
  assert.equal(focused, 2);
  assert.deepEqual(opened, [
    { target: { kind: 'decision', id: 'd1', agentId: 'cmo-twin' } },
    { target: { kind: 'decision', id: 'd1', agentId: 'cmo-twin' } },
  ]);
});

test('a high-risk decision offers only Open: approving it needs the confirmation on its card', async () => {
  const { events, core } = fakeCore([decision('risky', { context: { risk: 'high' } })]);
  const { shown, factory } = fakeNotifications();
  showCoreNotifications(core, factory, () => {}, { actions: true });
  events.emit('notification:requested', decisionRequest('risky'));
  await until(() => shown.length === 1);
  assert.deepEqual(shown[0]!.options.actions, [{ type: 'button', text: 'Open' }]);
});

test('no buttons where the OS has none, on a coalesced summary, or for a decision no longer waiting', async () => {
  for (const [actions, request] of [
    [false, decisionRequest('d1')],
    [true, decisionRequest('d1', { count: 3, id: 'x:summary' })],
    [true, decisionRequest('settled')],
  ] as const) {
    const { events, core } = fakeCore([decision('d1')]);
    const { shown, factory } = fakeNotifications();
    showCoreNotifications(core, factory, () => {}, { actions });
    events.emit('notification:requested', request);
    await until(() => shown.length === 1);
    assert.equal(shown[0]!.options.actions, undefined);
  }
});

test('an Approve the core refuses (decided elsewhere meanwhile) opens the decision, so the operator sees why', async () => {
  const pending = [decision('d1')];
  const { events, core, opened } = fakeCore(pending);
  const { shown, factory } = fakeNotifications();
  showCoreNotifications(core, factory, () => {}, { actions: true });
  events.emit('notification:requested', decisionRequest('d1'));
  await until(() => shown.length === 1);
  pending.length = 0;
  shown[0]!.action!({}, 0);
  await until(() => opened.length === 1);
});
