import assert from 'node:assert/strict';
import { test } from 'node:test';
import { removeKeys, upsert } from '../../../src/renderer/src/lib/upsert';

type Item = { id: string; v: number };
const keyOf = (item: Item) => item.id;
const ids = (items: Item[]) => items.map((i) => `${i.id}${i.v}`).join(' ');

test('upsert replaces a known item in place and puts a new one where the list wants it', () => {
  const list = [
    { id: 'a', v: 1 },
    { id: 'b', v: 1 },
  ];
  assert.equal(ids(upsert(list, [{ id: 'a', v: 2 }], keyOf)), 'a2 b1');
  assert.equal(ids(upsert(list, [{ id: 'c', v: 1 }], keyOf, 'end')), 'a1 b1 c1');
  assert.equal(ids(upsert(list, [{ id: 'c', v: 1 }, { id: 'd', v: 1 }], keyOf, 'start')), 'd1 c1 a1 b1', 'newest first, as one by one');
  assert.equal(ids(upsert(list, [{ id: 'c', v: 1 }], keyOf, 'none')), 'a1 b1', 'a window that does not reach the end takes no new item');
  assert.equal(ids(list), 'a1 b1', 'the input is not changed');
});

test('within one batch the last version of an item wins, new or known', () => {
  const list = [{ id: 'a', v: 1 }];
  assert.equal(ids(upsert(list, [{ id: 'a', v: 2 }, { id: 'n', v: 1 }, { id: 'a', v: 3 }, { id: 'n', v: 2 }], keyOf)), 'a3 n2');
});

test('a batch that changes nothing returns the same list, so nothing re-renders', () => {
  const list = [{ id: 'a', v: 1 }];
  assert.equal(upsert(list, [], keyOf), list);
  assert.equal(upsert(list, [{ id: 'x', v: 1 }], keyOf, 'none'), list);
  assert.equal(removeKeys(list, ['x'], keyOf), list);
  assert.equal(ids(removeKeys(list, ['a'], keyOf)), '');
});
