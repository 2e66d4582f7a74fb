import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { openDatabase } from '../../src/main/core/store/database';
import { MessageRepository } from '../../src/main/core/store/message-repository';
import { tempDir } from '../support/temp-dir';

function message(i: number, direction: 'in' | 'out') {
  return {
    id: `m${i}`,
    conversationId: `c${i % 3}`,
    agentId: `a${i % 3}`,
    direction,
    from: direction === 'in' ? `a${i % 3}` : 'operator',
    to: direction === 'in' ? 'operator' : `a${i % 3}`,
    intent: 'chat' as const,
    text: `#${i}`,
    data: null,
    priority: 'normal' as const,
    replyTo: null,
    status: direction === 'in' ? ('received' as const) : ('sent' as const),
    createdAt: i,
    seq: null,
  };
}

test('recent activity: the newest agent messages across conversations, newest first, without the operator’s own', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  const repo = new MessageRepository(db);
  for (let i = 1; i <= 40; i++) repo.insert(message(i, i % 4 === 0 ? 'out' : 'in'), 'T', i);
  const recent = repo.recentIncoming(5);
  assert.deepEqual(
    recent.map((m) => m.id),
    ['m39', 'm38', 'm37', 'm35', 'm34'],
  );
  assert.ok(recent.every((m) => m.direction === 'in'));
});

test('recent activity looks back over a bounded window: a long run of outgoing messages cannot make it scan the log', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  const repo = new MessageRepository(db);
  repo.insert(message(1, 'in'), 'T', 1);
  for (let i = 2; i <= 30; i++) repo.insert(message(i, 'out'), 'T', i);
  assert.deepEqual(repo.recentIncoming(5, 10), [], 'the one agent message is older than the window');
  assert.deepEqual(
    repo.recentIncoming(5, 100).map((m) => m.id),
    ['m1'],
  );
  // The plan is a range of the primary key, walked backwards until the LIMIT: no sort, no scan of the log.
  const plan = db
    .prepare(
      "EXPLAIN QUERY PLAN SELECT rowid, * FROM messages WHERE rowid > (SELECT MAX(rowid) FROM messages) - 500 AND direction = 'in' ORDER BY rowid DESC LIMIT 20",
    )
    .all() as { detail: string }[];
  const details = plan.map((row) => row.detail).join('; ');
  assert.match(details, /SEARCH messages USING INTEGER PRIMARY KEY \(rowid>\?\)/, details);
  assert.doesNotMatch(details, /TEMP B-TREE|SCAN messages/, details);
});

test('messages:recent is bounded by the contract: at most 50', async (t) => {
  const core = createCore({ dataDir: tempDir(), logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => core.close());
  assert.deepEqual(await core.invoke('messages:recent', {}), { ok: true, value: [] });
  const tooMany = await core.invoke('messages:recent', { limit: 51 });
  assert.equal(tooMany.ok, false);
});

test('the first-run tour is shown once per data dir: finishing it is kept across a restart; tourDone starts it finished', async () => {
  const dir = tempDir();
  const first = createCore({ dataDir: dir, logger: silentLogger, tickIntervalMs: 0, tourDone: false });
  assert.deepEqual(await first.invoke('tour:get-state', {}), { ok: true, value: { done: false } });
  assert.deepEqual(await first.invoke('tour:finish', {}), { ok: true, value: { done: true } });
  await first.close();
  const second = createCore({ dataDir: dir, logger: silentLogger, tickIntervalMs: 0, tourDone: false });
  assert.deepEqual(await second.invoke('tour:get-state', {}), { ok: true, value: { done: true } }, 'done stays done');
  await second.close();

  const scripted = createCore({ dataDir: tempDir(), logger: silentLogger, tickIntervalMs: 0, tourDone: true });
  assert.deepEqual(await scripted.invoke('tour:get-state', {}), { ok: true, value: { done: true } });
  await scripted.close();
});
