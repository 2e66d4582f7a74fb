import assert from 'node:assert/strict';
import { test } from 'node:test';
import { showCoreNotifications } from '../../../src/main/electron/notification-adapter';
import { EventBus } from '../../../src/main/core/lib/event-bus';
import type { Core } from '../../../src/main/core';

function fakeCore() {
  const events = new EventBus((e) => {
    throw e;
  });
  const opened: unknown[] = [];
  const core = {
    on: events.on.bind(events),
    api: { attention: { open: async (request: unknown) => (opened.push(request), { ok: true, value: {} }) } },
  } as unknown as Pick<Core, 'on' | 'api'>;
  return { events, core, opened };
}

test('a notification request is shown natively; clicking it focuses the window and opens the item', async () => {
  const { events, core, opened } = fakeCore();
  const shown: { title: string; body: string; urgency?: string }[] = [];
  let click: (() => void) | null = null;
  let focused = 0;
  showCoreNotifications(
    core,
    (options) => ({
      show: () => void shown.push(options),
      on: (_event, listener) => {
        click = listener;
      },
    }),
    () => focused++,
  );
  events.emit('notification:requested', { id: 'n1', title: 'Critical: Coverage', body: 'below 2x', severity: 'critical', count: 1, target: { kind: 'alert', id: 'a1' } });
  assert.deepEqual(shown, [{ title: 'Critical: Coverage', body: 'below 2x', urgency: 'critical' }]);
  assert.ok(click);
  (click as () => void)();
  assert.equal(focused, 1);
  assert.deepEqual(opened, [{ target: { kind: 'alert', id: 'a1' } }]);
});
