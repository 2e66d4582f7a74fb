import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import type { Message } from '../../src/shared/domain';
import { CommitBatcher } from '../../src/main/core/lib/commit-batcher';
import { openDatabase } from '../../src/main/core/store/database';
import { MessageRepository } from '../../src/main/core/store/message-repository';
import { tempDir } from '../support/temp-dir';

function recorder(maxBatch: number, maxDelayMs: number, fail = false) {
  const log: string[] = [];
  const batcher = new CommitBatcher<number>({
    maxBatch,
    maxDelayMs,
    commit: (items) => {
      if (fail) throw new Error('disk full');
      log.push(`commit ${items.join(',')}`);
    },
    afterCommit: (items) => log.push(`after ${items.join(',')}`),
    onCommitFailed: (items) => log.push(`failed ${items.join(',')}`),
  });
  return { log, batcher };
}

test('maxDelayMs 0 commits once at the end of the event-loop turn, with everything added in it', async () => {
  const { log, batcher } = recorder(100, 0);
  batcher.add(1);
  batcher.add(2);
  batcher.add(3);
  assert.deepEqual(log, [], 'nothing is committed while the turn is still reading');
  await nextTurn();
  assert.deepEqual(log, ['commit 1,2,3', 'after 1,2,3']);
  batcher.add(4);
  await nextTurn();
  assert.deepEqual(log.slice(2), ['commit 4', 'after 4']);
});

test('a full batch commits at the end of the turn, never inside add(); a backlog is taken one batch per turn', async () => {
  const { log, batcher } = recorder(2, 0);
  for (let i = 1; i <= 5; i++) batcher.add(i);
  assert.deepEqual(log, [], 'add() runs inside a socket read: it never commits');
  await nextTurn();
  assert.deepEqual(log, ['commit 1,2', 'after 1,2'], 'one batch, then the loop serves everything else');
  await nextTurn();
  assert.deepEqual(log.slice(2), ['commit 3,4', 'after 3,4']);
  await nextTurn();
  assert.deepEqual(log.slice(4), ['commit 5', 'after 5']);
  assert.equal(batcher.waiting, 0);
});

test('maxDelayMs > 0 waits for its timer, unless the batch fills first', async () => {
  const timed = recorder(100, 20);
  timed.batcher.add(1);
  await nextTurn();
  assert.deepEqual(timed.log, []);
  await delay(40);
  assert.deepEqual(timed.log, ['commit 1', 'after 1']);

  const full = recorder(2, 60_000);
  full.batcher.add(1);
  full.batcher.add(2);
  assert.deepEqual(full.log, []);
  await nextTurn();
  assert.deepEqual(full.log, ['commit 1,2', 'after 1,2'], 'a full batch does not wait out the timer');
});

test('a failed commit never reaches afterCommit (no ack), and flush() on shutdown cancels the pending turn', async () => {
  const failing = recorder(100, 0, true);
  failing.batcher.add(1);
  await nextTurn();
  assert.deepEqual(failing.log, ['failed 1']);

  const { log, batcher } = recorder(100, 0);
  batcher.add(1);
  batcher.flush();
  await nextTurn();
  assert.deepEqual(log, ['commit 1', 'after 1'], 'committed once, by the flush');
});

const message = (id: string, conversationId: string, createdAt: number): Message => ({
  id,
  conversationId,
  agentId: 'a1',
  direction: 'in',
  from: 'a1',
  to: 'operator',
  intent: 'chat',
  text: `text ${id}`,
  data: id === 'm2' ? { k: 1 } : null,
  priority: 'normal',
  replyTo: null,
  status: 'received',
  createdAt,
});

test('insertBatch: one row per new id, duplicates reported, conversations created once and bumped to the latest', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  const repo = new MessageRepository(db);
  const batch = [message('m1', 'c1', 100), message('m2', 'c1', 300), message('m3', 'c2', 200), message('m1', 'c1', 999)];
  const inserted = db.transaction(() => repo.insertBatch(batch, [1, 2, 3, 1], () => 'Agent One', 5))();
  assert.deepEqual(inserted, [true, true, true, false]);
  assert.equal(repo.conversation('c1')?.lastMessageAt, 300, 'the duplicate does not bump its conversation');
  assert.equal(repo.conversation('c1')?.title, 'Agent One');
  assert.equal(repo.conversation('c2')?.lastMessageAt, 200);
  assert.deepEqual(repo.get('m2'), message('m2', 'c1', 300));
  assert.equal(db.prepare("SELECT seq FROM messages WHERE id = 'm3'").pluck().get(), 3);

  const again = db.transaction(() => repo.insertBatch([message('m4', 'c1', 250), message('m1', 'c1', 1)], [4, 1], () => 'x', 6))();
  assert.deepEqual(again, [true, false]);
  assert.equal(repo.conversation('c1')?.lastMessageAt, 300, 'last_message_at never moves back');
  assert.equal(db.prepare('SELECT COUNT(*) FROM messages').pluck().get(), 4);
});

test('insertBatch after a rolled-back batch: forgetKnownConversations() lets the conversation be created again', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  const repo = new MessageRepository(db);
  assert.throws(() =>
    db.transaction(() => {
      repo.insertBatch([message('m1', 'c9', 100)], [1], () => 'A', 1);
      throw new Error('commit failed');
    })(),
  );
  assert.equal(repo.conversation('c9'), undefined);
  repo.forgetKnownConversations();
  assert.deepEqual(db.transaction(() => repo.insertBatch([message('m1', 'c9', 100)], [1], () => 'A', 1))(), [true]);
  assert.equal(repo.conversation('c9')?.lastMessageAt, 100);
});
