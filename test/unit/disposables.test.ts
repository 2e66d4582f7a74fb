import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DisposableStore } from '../../src/main/core/lib/disposables';

test('a DisposableStore releases in reverse order, once, past a failing disposer, and at once after dispose', () => {
  const released: string[] = [];
  const errors: unknown[] = [];
  const store = new DisposableStore((error) => errors.push(error));
  store.add(() => released.push('db'));
  store.add({ close: () => released.push('module') });
  store.add(() => {
    throw new Error('boom');
  });
  store.add({ dispose: () => released.push('subscription') });
  store.dispose();
  store.dispose();
  assert.deepEqual(released, ['subscription', 'module', 'db']);
  assert.equal(errors.length, 1);
  store.add(() => released.push('late'));
  assert.deepEqual(released, ['subscription', 'module', 'db', 'late']);
});
