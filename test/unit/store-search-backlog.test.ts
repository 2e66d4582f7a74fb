import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SearchIndexScheduler } from '../../src/main/core/history/search-index-scheduler';
import { openDatabase } from '../../src/main/core/store/database';
import { SearchIndexer } from '../../src/main/core/store/search-indexer';
import { SearchRepository } from '../../src/main/core/store/search-repository';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

const search = (repo: SearchRepository, query: string) =>
  repo.search({ query, syntax: 'text', filters: {}, limit: 50 }).hits.map((h) => h.message.id);

function ftsIntact(db: ReturnType<typeof openDatabase>): void {
  // FTS5's own check compares the index with the content it was built from; it throws on any mismatch. (It is only
  // meaningful with an empty backlog: backlogged rows are content the index does not have yet, by design.)
  db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");
}

test('a logged message waits in the backlog, and a search indexes it first, so it is always found', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  logAgent(db, 'cmo-twin', 'CMO Twin');
  logMessages(db, [{ id: 'm1', text: 'webinar engagement dropped' }]);
  const indexer = new SearchIndexer(db);
  assert.equal(indexer.backlog(), 1, 'the insert only queued it');
  assert.deepEqual(search(new SearchRepository(db), 'engagement'), ['m1']);
  assert.equal(indexer.backlog(), 0);
  ftsIntact(db);
});

test('deleting, editing or renaming the agent of a backlogged message keeps the index exact', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  logAgent(db, 'cso-twin', 'CSO Twin');
  logMessages(db, [{ id: 'old', agentId: 'cso-twin', text: 'pipeline review' }]);
  const repo = new SearchRepository(db);
  assert.deepEqual(search(repo, 'pipeline'), ['old'], 'indexed');
  logMessages(db, [
    { id: 'gone', agentId: 'cso-twin', text: 'pipeline draft to delete' },
    { id: 'edited', agentId: 'cso-twin', text: 'pipeline forecast' },
  ]);
  db.prepare("DELETE FROM messages WHERE id = 'gone'").run();
  db.prepare("UPDATE messages SET text = 'coverage forecast' WHERE id = 'edited'").run();
  db.prepare("UPDATE agents SET name = 'Chief Sales Twin' WHERE id = 'cso-twin'").run();
  assert.deepEqual(search(repo, 'pipeline'), ['old']);
  assert.deepEqual(search(repo, 'coverage'), ['edited']);
  assert.deepEqual(search(repo, '"Chief Sales"'), ['edited', 'old']);
  ftsIntact(db);
});

test('the scheduler leaves the backlog alone while ingest is busy, indexes it when idle, and shares time past the high-water mark', async (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  logAgent(db, 'cmo-twin', 'CMO Twin');
  logMessages(db, Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, text: `note ${i}` })));
  const indexer = new SearchIndexer(db);
  let clock = 1000;
  const scheduler = new SearchIndexScheduler(indexer, () => clock, { idleAfterMs: 150, chunk: 10, highWater: 25, intervalMs: 60_000 });
  t.after(() => scheduler.stop());

  scheduler.noteActivity();
  scheduler.tick();
  assert.equal(indexer.backlog(), 20, 'past the high-water mark: one chunk even while busy');
  await new Promise((resolve) => setImmediate(resolve));
  scheduler.noteActivity();
  scheduler.tick();
  assert.equal(indexer.backlog(), 20, 'busy and under the high-water mark: left for later');

  clock += 200;
  scheduler.tick();
  // Idle: it keeps going a chunk per event-loop turn until the backlog is empty.
  for (let turn = 0; turn < 5 && indexer.backlog() > 0; turn++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(indexer.backlog(), 0);
  ftsIntact(db);
});
