import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { seedHistory } from '../../bench/seed-history';
import { cleanCloseMarkerFile } from '../../src/main/core/store/clean-close-marker';
import { openDatabaseChecked } from '../../src/main/core/store/database';
import { LATEST_SCHEMA_VERSION } from '../../src/main/core/store/migrations';
import { SearchRepository } from '../../src/main/core/store/search-repository';
import { StatsRepository } from '../../src/main/core/store/stats-repository';

/**
 * The bulk seeder bypasses the app's write path (indexes dropped and rebuilt, triggers suspended, one FTS rebuild),
 * so its log must be checked to be one the app could have written: the benchmarks measure nothing real otherwise.
 */
test('a bulk-seeded skewed log is a valid, cleanly closed log with the schema, indexes, search index and aggregates the app keeps', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-seed-test-'));
  try {
    const seeded = seedHistory(dataDir, { messages: 5000, conversations: 300, agents: 40, fts: 'rebuild', shape: 'skewed' });
    assert.ok(fs.existsSync(cleanCloseMarkerFile(seeded.file)), 'the seed leaves the clean-close marker');

    // A reference log from the real migrations alone: the seeded one must have the same schema objects.
    const referenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-seed-ref-'));
    const schemaOf = (db: ReturnType<typeof openDatabaseChecked>['db']) =>
      (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as object[]).map((r) =>
        JSON.stringify(r),
      );
    const reference = openDatabaseChecked(referenceDir).db;
    const referenceSchema = schemaOf(reference);
    reference.close();
    fs.rmSync(referenceDir, { recursive: true, force: true });

    const { db, checkedAtOpen } = openDatabaseChecked(dataDir);
    try {
      assert.equal(checkedAtOpen, false, 'a clean close means no blocking check at the next open');
      assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      assert.deepEqual(schemaOf(db), referenceSchema);
      assert.equal(db.pragma('quick_check', { simple: true }), 'ok');
      // Throws (SQLITE_CORRUPT_VTAB) if the search index disagrees with the messages it indexes.
      db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
      assert.equal((db.prepare('SELECT count(*) AS n FROM search_backlog').get() as { n: number }).n, 0);
      assert.deepEqual(db.prepare("SELECT v FROM messages_fts_config WHERE k = 'hashsize'").get(), { v: 1024 * 1024 });

      const count = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      assert.equal(count, 5000);
      const stats = new StatsRepository(db).summary();
      assert.equal(stats.totalMessages, 5000, 'the aggregates count every seeded message');
      assert.equal(stats.agents.length, 40);
      assert.ok(stats.agents.some((a) => a.replies > 0), 'reply times are aggregated');

      // Every message is findable, through the app's own search path, by a word of its text.
      const search = new SearchRepository(db);
      const hits = search.search({ query: 'campaign', syntax: 'text', filters: {}, limit: 50 });
      const direct = (db.prepare("SELECT count(*) AS n FROM messages WHERE text LIKE '%campaign%'").get() as { n: number }).n;
      assert.ok(direct > 50 && hits.hits.length === 50, `campaign: ${direct} messages, ${hits.hits.length} hits`);
      const ftsCount = (db.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'text:campaign'").get() as { n: number }).n;
      assert.equal(ftsCount, direct);

      // Skewed: the biggest conversation holds about 11%; the rest are Zipf-sized, so a few are far bigger than most.
      assert.ok(seeded.bigConversationSize > 400 && seeded.bigConversationSize < 700, String(seeded.bigConversationSize));
      const sizes = (db.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id != ? GROUP BY conversation_id ORDER BY n DESC').all(
        seeded.bigConversationId,
      ) as { n: number }[]).map((r) => r.n);
      assert.ok(sizes[0]! > 10 * sizes[Math.floor(sizes.length / 2)]!, `sizes ${sizes[0]} vs median ${sizes[Math.floor(sizes.length / 2)]}`);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
