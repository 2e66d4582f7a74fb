/**
 * open_conversation: the first page (newest 100) of the seeded log's biggest conversation (100,000 messages at full
 * size), and a window around a message deep in it, as the view loads them. Baseline: the same first page of a small
 * conversation in the same log, so the ratio shows whether cost grows with the conversation.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { markCleanClose } from '../src/main/core/store/clean-close-marker';
import { DATABASE_FILE_NAME, openDatabase } from '../src/main/core/store/database';
import { MessageWindowRepository } from '../src/main/core/store/message-window-repository';
import { type BenchContext, type Benchmark, type BenchResult, percentile } from './harness';
import { type SeededHistory, seededHistory } from './seed-history';

/** The figures for a seeded log; names get `suffix` (the 10M run in bench:scale passes '_10m'). */
export async function openConversationResults(ctx: BenchContext, seeded: SeededHistory, suffix = ''): Promise<BenchResult[]> {
  {
    // A fresh connection per round: "opening" includes preparing statements, as on the first click after start.
    // The connection is a plain one: the log's quick_check on open is a start-up cost, not a per-click one.
    const rounds = ctx.size(30, 3);
    const time = (fn: (windows: MessageWindowRepository) => unknown) => {
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const db = new BetterSqlite3(path.join(seeded.dataDir, DATABASE_FILE_NAME), { readonly: true });
        try {
          const t0 = performance.now();
          fn(new MessageWindowRepository(db));
          times.push(performance.now() - t0);
        } finally {
          db.close();
        }
      }
      return percentile(times, 95);
    };
    const db = openDatabase(seeded.dataDir);
    const small = (db.prepare("SELECT conversation_id AS id FROM messages WHERE conversation_id != ? LIMIT 1").get(seeded.bigConversationId) as { id: string }).id;
    const deep = (db.prepare('SELECT id FROM messages WHERE conversation_id = ? ORDER BY rowid LIMIT 1 OFFSET ?').get(
      seeded.bigConversationId,
      Math.floor(seeded.bigConversationSize / 10),
    ) as { id: string }).id;
    db.close();
    // Left as a clean close leaves it, so the start-up figures that follow open it without a full check.
    markCleanClose(seeded.file, Date.now());
    const big = time((w) => w.range(seeded.bigConversationId, 100, {}));
    const around = time((w) => w.around(deep, 50, 50));
    const baseline = time((w) => w.range(small, 100, {}));
    ctx.log(`biggest conversation: ${seeded.bigConversationSize} messages; window around a message 90% deep: p95 ${around.toFixed(2)} ms`);
    return [
      {
        name: `open_conversation${suffix}`,
        value: big,
        unit: 'ms',
        baseline_name: `same page of a ~${Math.round(seeded.options.messages / seeded.options.conversations)}-message conversation, ms`,
        baseline_value: baseline,
        ratio: big / baseline,
        goal: `first page of a ${seeded.bigConversationSize}-message conversation ≤ 50 ms`,
        pass: big <= 50,
      },
      {
        name: `open_hit_deep${suffix}`,
        value: around,
        unit: 'ms',
        baseline_name: 'newest page of the same conversation, ms',
        baseline_value: big,
        ratio: around / big,
        goal: '≤ 50 ms: 50 before + 50 after a message 90% deep',
        pass: around <= 50,
      },
    ];
  }
}

const benchmark: Benchmark = {
  name: 'history-open-conversation',
  run: (ctx) => openConversationResults(ctx, seededHistory(ctx.smoke)),
};

export default benchmark;
