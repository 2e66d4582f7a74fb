import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createCore, openCore, silentLogger } from '../../src/main/core';
import { DATABASE_FILE_NAME, openDatabase } from '../../src/main/core/store/database';
import { LATEST_SCHEMA_VERSION } from '../../src/main/core/store/migrations';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

function seed(dataDir: string, ids: string[]) {
  const db = openDatabase(dataDir);
  logAgent(db, 'cmo-twin', 'CMO Twin');
  logMessages(db, ids.map((id) => ({ id, text: `text of ${id}` })));
  db.close();
}

const searchIds = async (core: ReturnType<typeof createCore>, query: string, source: 'live' | 'archive' = 'live') => {
  const result = await core.api.search.query({ query, source });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value.hits.map((h) => h.message.id);
};

test('backup, then restore: the log returns to the backup, search included, and the replaced log is kept', async (t) => {
  const dataDir = tempDir();
  seed(dataDir, ['a', 'b']);
  const core = createCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());
  const backup = await core.api.backup.create();
  assert.ok(backup.ok);
  assert.ok(backup.value.bytes > 0);

  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME));
  logMessages(db, [{ id: 'after-backup', text: 'text of after-backup' }], 1_800_000_000_000);
  db.close();
  assert.deepEqual(await searchIds(core, 'text'), ['after-backup', 'b', 'a']);

  const restored = await core.api.backup.restore({ file: backup.value.file });
  assert.ok(restored.ok, JSON.stringify(restored));
  assert.deepEqual(await searchIds(core, 'text'), ['b', 'a']);
  const page = await core.api.messages.range({ conversationId: 'direct:cmo-twin' });
  assert.ok(page.ok);
  assert.deepEqual(page.value.messages.map((m) => m.id), ['a', 'b']);

  // The log as it was just before the restore is itself a backup, listed and restorable.
  const listed = await core.api.backup.list();
  assert.ok(listed.ok);
  assert.ok(listed.value.some((b) => b.file === restored.value.previous.file));
  assert.ok((await core.api.backup.restore({ file: restored.value.previous.file })).ok);
  assert.deepEqual(await searchIds(core, 'text'), ['after-backup', 'b', 'a']);
});

test('restore refuses a file that is not a sound log of this version, and changes nothing', async (t) => {
  const dataDir = tempDir();
  seed(dataDir, ['a']);
  const core = createCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());
  const junk = path.join(tempDir(), 'junk.sqlite');
  fs.writeFileSync(junk, 'not a database at all'.repeat(200));
  const bad = await core.api.backup.restore({ file: junk });
  assert.equal(!bad.ok && bad.error.code, 'INVALID_REQUEST');
  const missing = await core.api.backup.restore({ file: path.join(dataDir, 'nope.sqlite') });
  assert.equal(!missing.ok && missing.error.code, 'NOT_FOUND');
  assert.deepEqual(await searchIds(core, 'text'), ['a']);
});

test('another machine\'s log opens read-only next to the live one: search, paging and export read it, nothing writes it', async (t) => {
  const otherDir = tempDir();
  seed(otherDir, ['x1', 'x2', 'x3']);
  const otherFile = path.join(otherDir, DATABASE_FILE_NAME);
  const before = fs.readFileSync(otherFile);
  const dataDir = tempDir();
  seed(dataDir, ['live1']);
  const core = createCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());

  const noArchive = await core.api.search.query({ query: 'text', source: 'archive' });
  assert.equal(!noArchive.ok && noArchive.error.code, 'NOT_FOUND');
  const opened = await core.api.history.openFile({ file: otherFile });
  assert.ok(opened.ok, JSON.stringify(opened));
  assert.equal(opened.value.archive?.messages, 3);
  assert.deepEqual(await searchIds(core, 'text', 'archive'), ['x3', 'x2', 'x1']);
  assert.deepEqual(await searchIds(core, 'text'), ['live1']);
  const around = await core.api.messages.around({ source: 'archive', messageId: 'x2', before: 1, after: 1 });
  assert.ok(around.ok);
  assert.deepEqual(around.value.messages.map((m) => m.id), ['x1', 'x2', 'x3']);
  const self = await core.api.history.openFile({ file: path.join(dataDir, DATABASE_FILE_NAME) });
  assert.equal(!self.ok && self.error.code, 'CONFLICT');
  assert.ok((await core.api.history.closeFile()).ok);
  assert.ok(fs.readFileSync(otherFile).equals(before));
});

test('operator input that would break FTS5 never fails the contract call with anything but a readable error', async (t) => {
  const dataDir = tempDir();
  seed(dataDir, ['a']);
  const core = createCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());
  for (const query of ['"', 'AND', 'NEAR(a b', 'x:y', '***', '(((']) {
    const result = await core.api.search.query({ query });
    assert.ok(result.ok || result.error.code === 'INVALID_REQUEST', `${query}: ${JSON.stringify(result)}`);
  }
  const raw = await core.api.search.query({ query: 'a AND (', syntax: 'fts' });
  assert.equal(!raw.ok && raw.error.code, 'INVALID_REQUEST');
});

test('startup: a log from a newer version gets the recovery console, which refuses to touch it', async (t) => {
  const dataDir = tempDir();
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const future = new BetterSqlite3(file);
  future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
  future.close();
  const core = openCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());
  const status = await core.api.startup.status();
  assert.ok(status.ok);
  assert.equal(status.value.state, 'database-from-future');
  const agents = await core.api.agents.list();
  assert.equal(!agents.ok && agents.error.code, 'STORAGE_FAILED');
  const fresh = await core.api.recovery.startFresh();
  assert.equal(!fresh.ok && fresh.error.code, 'CONFLICT');
  const check = new BetterSqlite3(file, { readonly: true });
  assert.equal(check.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION + 3);
  check.close();
});

test('startup: a damaged log gets the recovery console; salvage what reads, then start fresh keeping the old file', async (t) => {
  const dataDir = tempDir();
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(dataDir);
  logMessages(db, Array.from({ length: 4000 }, (_, i) => ({ id: `m${i}`, text: `salvageable message ${i} `.repeat(4) })));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  const lastPage = Math.floor(bytes.length / pageSize) - 1;
  // Damage a few pages in the back half: index pages and some message pages, not the schema.
  for (const page of [Math.floor(lastPage * 0.6), Math.floor(lastPage * 0.8)]) bytes.fill(0xa5, page * pageSize, (page + 1) * pageSize);
  fs.writeFileSync(file, bytes);

  const core = openCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());
  const status = await core.api.startup.status();
  assert.ok(status.ok);
  assert.equal(status.value.state, 'database-unreadable');

  const salvage = await core.api.recovery.salvage();
  assert.ok(salvage.ok, JSON.stringify(salvage));
  assert.ok(salvage.value.messages > 1000, `salvaged ${salvage.value.messages}`);
  const lines = fs.readFileSync(salvage.value.file, 'utf8').trim().split('\n');
  assert.equal(lines.length, salvage.value.messages);
  assert.match((JSON.parse(lines[0]!) as { text: string }).text, /salvageable message 0/);

  const fresh = await core.api.recovery.startFresh();
  assert.ok(fresh.ok, JSON.stringify(fresh));
  assert.ok(fs.existsSync(fresh.value.keptAt), 'the damaged file is kept');
  const ready = await core.api.startup.status();
  assert.deepEqual(ready.ok && ready.value, { state: 'ready' });
  const conversations = await core.api.conversations.list();
  assert.deepEqual(conversations.ok && conversations.value, []);
});
