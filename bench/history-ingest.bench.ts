/**
 * ingest_fts: logging messages and indexing them for search (the backlog trigger, then the indexer's catch-up), as a
 * ratio to the same load with no search indexing at all. Both in 1,000-row transactions with synchronous=FULL, the way the console commits agent batches. Also
 * logged: seeding the same rows in one transaction with the index built by one FTS 'rebuild' afterwards.
 */
import { openDatabase } from '../src/main/core/store/database';
import { SearchIndexer } from '../src/main/core/store/search-indexer';
import type { Benchmark } from './harness';
import { rng, seedHistory, sentence, suspendFtsInsertTrigger } from './seed-history';

function ingest(dataDir: string, rows: number, fts: boolean): number {
  const db = openDatabase(dataDir);
  try {
    if (!fts) suspendFtsInsertTrigger(db);
    db.prepare("INSERT INTO conversations VALUES ('c', 'a', 'C', 0, 0)").run();
    const insert = db.prepare(
      `INSERT INTO messages (id, conversation_id, agent_id, direction, sender, recipient, intent, text, priority, status, created_at, logged_at)
       VALUES (?, 'c', 'a', 'in', 'a', 'operator', 'chat', ?, 'normal', 'received', ?, ?)`,
    );
    const random = rng(7);
    const texts = Array.from({ length: 1000 }, () => sentence(random));
    const t0 = performance.now();
    for (let batch = 0; batch < rows / 1000; batch++) {
      db.transaction(() => {
        for (let i = 0; i < 1000; i++) insert.run(`m${batch}-${i}`, texts[i]!, batch, batch);
      })();
    }
    // The live console indexes between bursts; here the whole cost is counted, as if it had no gaps to use.
    if (fts) new SearchIndexer(db).catchUp();
    return rows / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
  }
}

const benchmark: Benchmark = {
  name: 'history-ingest',
  async run(ctx) {
    const rows = ctx.size(100_000, 2000);
    const without = ingest(ctx.tempDir(), rows, false);
    const withFts = ingest(ctx.tempDir(), rows, true);
    const bulk = { messages: rows, conversations: 20, agents: 10 };
    const rebuilt = seedHistory(ctx.tempDir(), { ...bulk, fts: 'rebuild' });
    const triggered = seedHistory(ctx.tempDir(), { ...bulk, fts: 'triggers' });
    ctx.log(
      `bulk seed of ${rows} rows in one transaction: FTS by one rebuild ${Math.round(rebuilt.seedMs)} ms, by triggers ${Math.round(triggered.seedMs)} ms`,
    );
    return [
      {
        name: 'ingest_fts',
        value: withFts,
        unit: 'rows/s',
        baseline_name: 'same ingest without FTS, rows/s',
        baseline_value: without,
        ratio: withFts / without,
        goal: 'report the cost of FTS on ingest (1,000-row transactions, synchronous=FULL)',
        pass: true,
      },
    ];
  },
};

export default benchmark;
