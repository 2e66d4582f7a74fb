import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { CoreError } from '../../src/main/core/core-error';
import { DATABASE_FILE_NAME, openDatabase, openLogReadOnly, schemaVersion } from '../../src/main/core/store/database';
import { SearchRepository } from '../../src/main/core/store/search-repository';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/core/store/migrations';
import { tempDir } from '../support/temp-dir';

/** Builds a log file at schema `version` exactly as that version of the console left it, with one message in it. */
function logAtVersion(dir: string, version: number): string {
  const file = path.join(dir, DATABASE_FILE_NAME);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${migration.version}`);
  }
  db.exec(`
    INSERT INTO agents (id, name, role, department, capabilities, intents, first_seen_at) VALUES ('cso', 'CSO Twin', 'Sales', 'Sales', '[]', '[]', 0);
    INSERT INTO conversations VALUES ('direct:cso', 'cso', 'CSO Twin', 1, 1);
    INSERT INTO messages (id, conversation_id, agent_id, direction, sender, recipient, intent, text, priority, status, created_at, logged_at)
      VALUES ('old-1', 'direct:cso', 'cso', 'in', 'cso', 'operator', 'chat', 'pipeline review before the upgrade', 'normal', 'received', 1, 1);
  `);
  db.close();
  return file;
}

for (const version of MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_SCHEMA_VERSION)) {
  test(`a log at schema version ${version} is backed up, then migrated to ${LATEST_SCHEMA_VERSION} with its history searchable`, (t) => {
    const dir = tempDir();
    logAtVersion(dir, version);
    const db = openDatabase(dir);
    t.after(() => db.close());
    assert.equal(schemaVersion(db), LATEST_SCHEMA_VERSION);
    const hits = new SearchRepository(db).search({ query: 'upgrade', syntax: 'text', filters: {}, limit: 10 });
    assert.deepEqual(hits.hits.map((h) => h.message.id), ['old-1']);
    assert.equal(hits.hits[0]?.agentName, 'CSO Twin');

    const backups = fs.readdirSync(path.join(dir, 'backups'));
    assert.equal(backups.length, 1);
    assert.match(backups[0]!, new RegExp(`^twin-console\\.v${version}\\.before-migration\\.`));
    const copy = new BetterSqlite3(path.join(dir, 'backups', backups[0]!), { readonly: true });
    assert.equal(copy.pragma('user_version', { simple: true }), version, 'the copy is the file as it was before');
    assert.equal((copy.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n, 1);
    copy.close();
  });
}

test('a new log is not "backed up" (there is nothing to lose), and every table stays STRICT', (t) => {
  const dir = tempDir();
  const db = openDatabase(dir);
  t.after(() => db.close());
  assert.equal(fs.existsSync(path.join(dir, 'backups')), false);
  const loose = db
    .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts%'")
    .all();
  assert.deepEqual(loose, []);
});

test('migrations are applied in one transaction: a failing step leaves the file at its old version', (t) => {
  const dir = tempDir();
  const file = logAtVersion(dir, 1);
  // A table in the way of migration 2's view makes that step fail halfway.
  const blocker = new BetterSqlite3(file);
  blocker.exec('CREATE TABLE message_search_source (x INTEGER) STRICT');
  blocker.close();
  assert.throws(() => openDatabase(dir), (error: unknown) => error instanceof CoreError && error.code === 'DATABASE_UNREADABLE');
  const after = new BetterSqlite3(file, { readonly: true });
  t.after(() => after.close());
  assert.equal(after.pragma('user_version', { simple: true }), 1);
  assert.equal(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'messages_by_agent'").pluck().get(), 0);
});

test('a damaged file is caught by quick_check at open and left as it was', () => {
  const dir = tempDir();
  const file = path.join(dir, DATABASE_FILE_NAME);
  const db = openDatabase(dir);
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, agent_id, direction, sender, recipient, intent, text, priority, status, created_at, logged_at)
     VALUES (?, 'c', 'a', 'in', 'a', 'operator', 'chat', ?, 'normal', 'received', 1, 1)`,
  );
  db.prepare("INSERT INTO conversations VALUES ('c', 'a', 'C', 1, 1)").run();
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`m${i}`, `message number ${i} `.repeat(5));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  // Overwrite pages in the middle of the file (b-tree pages of messages and its indexes) with garbage.
  const damaged = Buffer.from(bytes);
  for (let page = 5; page < 12; page++) damaged.fill(0x5a, page * pageSize, page * pageSize + pageSize);
  fs.writeFileSync(file, damaged);
  assert.throws(
    () => openDatabase(dir),
    (error: unknown) => error instanceof CoreError && error.code === 'DATABASE_UNREADABLE' && /damaged|malformed/.test(error.message),
  );
  assert.ok(fs.readFileSync(file).equals(damaged), 'the damaged file is not modified');
});

test('another log file opens read-only: never written, and an older one is reviewed through a migrated copy', (t) => {
  const otherMachine = tempDir();
  const file = logAtVersion(otherMachine, 1);
  const before = fs.readFileSync(file);
  const scratch = tempDir();
  const { db, migratedCopy } = openLogReadOnly(file, { scratchDir: scratch });
  t.after(() => db.close());
  assert.ok(migratedCopy?.startsWith(scratch));
  assert.equal(db.readonly, true);
  const hits = new SearchRepository(db).search({ query: 'pipeline', syntax: 'text', filters: {}, limit: 5 });
  assert.equal(hits.hits.length, 1);
  assert.throws(() => db.prepare("DELETE FROM messages").run(), /readonly/);
  assert.ok(fs.readFileSync(file).equals(before), 'the original file is byte-for-byte unchanged');
});

test('a log from the future cannot be opened read-only either', () => {
  const dir = tempDir();
  const file = path.join(dir, 'future.sqlite');
  const db = new BetterSqlite3(file);
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  db.close();
  assert.throws(
    () => openLogReadOnly(file, { scratchDir: tempDir() }),
    (error: unknown) => error instanceof CoreError && error.code === 'DATABASE_FROM_FUTURE',
  );
});
