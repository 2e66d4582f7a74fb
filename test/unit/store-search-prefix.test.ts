import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE_NAME, openDatabase } from '../../src/main/core/store/database';
import { MIGRATIONS } from '../../src/main/core/store/migrations';
import { SearchRepository } from '../../src/main/core/store/search-repository';
import { rng, sentence } from '../../bench/seed-history';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

/** Every hit of a query, paging newest first to the end. */
function allHits(repo: SearchRepository, query: string): string[] {
  const ids: string[] = [];
  let before: number | undefined;
  for (;;) {
    const page = repo.search({ query, syntax: 'text', filters: {}, limit: 50, before });
    ids.push(...page.hits.map((h) => h.message.id));
    if (page.nextBefore === null) return ids;
    before = page.nextBefore;
  }
}

/** The words FTS5 (unicode61, remove_diacritics 2) makes of a text: case and accents folded, split at non-alphanumerics. */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

test('prefix search of every length equals a plain scan of the log, newest first', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  logAgent(db, 'cmo-twin', 'CMO Twin');
  const random = rng(7);
  const texts = Array.from({ length: 1500 }, (_, i) => ({ id: `m${i}`, text: sentence(random) }));
  logMessages(db, texts);
  const repo = new SearchRepository(db);
  const rows = db
    .prepare('SELECT m.id, m.text, m.intent, a.name FROM messages m LEFT JOIN agents a ON a.id = m.agent_id ORDER BY m.rowid DESC')
    .all() as { id: string; text: string; intent: string; name: string | null }[];
  const scan = (prefix: string) =>
    rows.filter((r) => [r.text, r.intent, r.name ?? ''].flatMap(words).some((w) => w.startsWith(prefix))).map((r) => r.id);
  // 2 to 10 characters: inside the indexed 2-8 and beyond them, common words and rare ones, an accent folded away.
  const prefixes = ['ca', 'cam', 'camp', 'campa', 'campai', 'campaig', 'campaign', 'complian', 'complianc', 'compliance',
    'onboardin', 'retent', 'zur', 'zuric', 'market', 'monthl', 'operatio', 'twi'];
  let checked = 0;
  for (const prefix of prefixes) {
    const expected = scan(prefix);
    assert.deepEqual(allHits(repo, `${prefix}*`), expected, `${prefix}*`);
    checked += expected.length;
  }
  assert.ok(checked > 5000, `the prefixes matched ${checked} messages in all: the log must exercise them`);
});

test('the search index has prefix indexes for 2 to 8 characters', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_fts'").get() as { sql: string }).sql;
  assert.match(sql, /prefix\s*=\s*'2 3 4 5 6 7 8'/);
});

test('the long-prefix migration indexes what the backlog held, once', (t) => {
  const dir = tempDir();
  const file = path.join(dir, DATABASE_FILE_NAME);
  const old = new BetterSqlite3(file);
  old.pragma('journal_mode = WAL');
  for (const migration of MIGRATIONS.slice(0, 6)) {
    old.exec(migration.up);
    old.pragma(`user_version = ${migration.version}`);
  }
  logAgent(old, 'cmo-twin', 'CMO Twin');
  logMessages(old, [
    { id: 'indexed', text: 'campaign indexed before the upgrade' },
    { id: 'backlogged', text: 'campaign still in the backlog' },
  ]);
  // The first message was indexed, the second still waits in the backlog, as a live v6 log can be left.
  old.exec(`INSERT INTO messages_fts (rowid, text, intent, agent_name) SELECT rowid, text, intent, agent_name FROM message_search_source WHERE rowid = 1;
    DELETE FROM search_backlog WHERE rowid = 1;`);
  old.close();

  const db = openDatabase(dir);
  t.after(() => db.close());
  assert.equal((db.prepare('SELECT count(*) AS n FROM search_backlog').get() as { n: number }).n, 0);
  const repo = new SearchRepository(db);
  assert.deepEqual(allHits(repo, 'campaign'), ['backlogged', 'indexed']);
  assert.deepEqual(allHits(repo, 'campai*'), ['backlogged', 'indexed']);
  db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");
});
