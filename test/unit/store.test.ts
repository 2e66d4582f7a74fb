import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { CoreError } from '../../src/main/core/core-error';
import { DATABASE_FILE_NAME, openDatabase, schemaVersion } from '../../src/main/core/store/database';
import { MessageRepository } from '../../src/main/core/store/message-repository';
import { LATEST_SCHEMA_VERSION } from '../../src/main/core/store/migrations';
import { tempDir } from '../support/temp-dir';

test('a new log is migrated to the latest version, in WAL mode with foreign keys and FULL sync', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  assert.equal(schemaVersion(db), LATEST_SCHEMA_VERSION);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(db.pragma('synchronous', { simple: true }), 2);
  // Views and FTS5's own shadow tables (messages_fts*) are SQLite's to shape; every table we declare is STRICT.
  const strict = db
    .prepare(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts%'",
    )
    .all();
  assert.deepEqual(strict, [], 'every table is STRICT');
});

test('a log written by a newer version is refused and left untouched', () => {
  const dir = tempDir();
  const file = path.join(dir, DATABASE_FILE_NAME);
  const future = new BetterSqlite3(file);
  future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
  future.close();
  assert.throws(
    () => openDatabase(dir),
    (error: unknown) => error instanceof CoreError && error.code === 'DATABASE_FROM_FUTURE' && /newer version/.test(error.message),
  );
  const after = new BetterSqlite3(file, { readonly: true });
  assert.equal(after.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION + 5);
  after.close();
});

test('a file that is not a database gets a readable error, not a crash', async () => {
  const dir = tempDir();
  const fs = await import('node:fs');
  fs.writeFileSync(path.join(dir, DATABASE_FILE_NAME), 'this is not sqlite'.repeat(100));
  assert.throws(
    () => openDatabase(dir),
    (error: unknown) => error instanceof CoreError && error.code === 'DATABASE_UNREADABLE' && /left untouched/.test(error.message),
  );
});

test('keyset paging walks a conversation newest page first, each page oldest first, with no gaps', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  const repo = new MessageRepository(db);
  for (let i = 1; i <= 250; i++) {
    repo.insert(
      {
        id: `m${i}`,
        conversationId: 'c',
        agentId: 'a',
        direction: 'in',
        from: 'a',
        to: 'operator',
        intent: 'chat',
        text: `#${i}`,
        data: null,
        priority: 'normal',
        replyTo: null,
        status: 'received',
        createdAt: i,
        seq: i,
      },
      'A',
      i,
    );
  }
  const seen: string[] = [];
  let page = repo.page('c', 100)!;
  seen.unshift(...page.messages.map((m) => m.id));
  while (page.hasOlder) {
    page = repo.page('c', 100, page.messages[0]!.id)!;
    seen.unshift(...page.messages.map((m) => m.id));
  }
  assert.equal(seen.length, 250);
  assert.deepEqual(seen, Array.from({ length: 250 }, (_, i) => `m${i + 1}`));
  assert.equal(repo.page('c', 10, 'no-such-id'), undefined);
});
