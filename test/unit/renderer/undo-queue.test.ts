import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Result } from '../../../src/shared/contract';
import { UndoQueue } from '../../../src/renderer/src/ui/undo-queue';

/** A commit that records when it ran and lets the test wait for it, instead of for time. */
function recorder() {
  const runs: string[] = [];
  let notify: () => void = () => {};
  const ran = () => new Promise<void>((resolve) => (notify = resolve));
  const commit = (name: string, result: Result<unknown> = { ok: true, value: {} }) => async () => {
    runs.push(name);
    notify();
    return [result];
  };
  return { runs, ran, commit };
}

/** Resolves once nothing is held any more (each commit has had its answer). */
const drained = (queue: UndoQueue) =>
  new Promise<void>((resolve) => {
    if (queue.getSnapshot().held.length === 0) return resolve();
    const off = queue.subscribe(() => queue.getSnapshot().held.length === 0 && (off(), resolve()));
  });

test('a held action runs when its window passes; an undone one never runs', async () => {
  const queue = new UndoQueue(Date.now, 30);
  const { runs, ran, commit } = recorder();
  const first = queue.hold('Approved “A”', [{ kind: 'decision', agentId: 'cmo', id: 'a', to: 'approved' }], commit('a'));
  queue.hold('Rejected “B”', [{ kind: 'decision', agentId: 'cmo', id: 'b', to: 'rejected' }], commit('b'));
  assert.deepEqual(queue.getSnapshot().held.map((h) => h.label), ['Approved “A”', 'Rejected “B”']);
  // Undo with no id takes back the newest; with an id, that one.
  assert.equal(queue.undo(), 'Rejected “B”');
  const done = ran();
  await done;
  assert.deepEqual(runs, ['a']);
  // While on its way it is still shown as done, but no longer undoable.
  assert.deepEqual(queue.getSnapshot().held.map((h) => [h.label, h.committing]), [['Approved “A”', true]]);
  assert.equal(queue.undo(), null);
  await drained(queue);
  assert.equal(queue.undo(first), null, 'too late: it already ran');
  // The undone one's timer is gone: nothing else ever runs.
  // A probe held after A ran, with the same window, is due after B would have been.
  const later = new UndoQueue(Date.now, 30);
  const probe = recorder();
  later.hold('probe', [], probe.commit('probe'));
  await probe.ran();
  assert.deepEqual(runs, ['a']);
});

test('flush runs every held action at once (the page is going away), each exactly once', async () => {
  const queue = new UndoQueue(Date.now, 60_000);
  const { runs, commit } = recorder();
  queue.hold('one', [], commit('one'));
  queue.hold('two', [], commit('two'));
  queue.flush();
  queue.flush();
  await drained(queue);
  assert.deepEqual(runs.sort(), ['one', 'two']);
});

test('a refused action is kept as a failure to show, until dismissed', async () => {
  const queue = new UndoQueue(Date.now, 60_000);
  const { commit } = recorder();
  const changed = new Promise<void>((resolve) => queue.subscribe(() => queue.getSnapshot().failures.length > 0 && resolve()));
  const id = queue.hold('Approved “Gone”', [], commit('gone', { ok: false, error: { code: 'CONFLICT', message: 'This decision is already expired.' } }));
  queue.flush();
  await changed;
  assert.deepEqual(queue.getSnapshot().failures, [{ id, label: 'Approved “Gone”', error: { code: 'CONFLICT', message: 'This decision is already expired.' } }]);
  queue.dismissFailure(id);
  assert.deepEqual(queue.getSnapshot().failures, []);
});
