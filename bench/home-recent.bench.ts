/**
 * home_recent_activity: the home view's "recent activity" (`messages:recent`, the newest 20 agent messages across the
 * whole log) on the seeded log of 1,000,000 messages. Baseline: the newest 20 of one small conversation in the same
 * log, the cheapest keyed read there is, so the ratio shows the cross-log read costs no more than opening a chat.
 */
import { openDatabase } from '../src/main/core/store/database';
import { MessageRepository } from '../src/main/core/store/message-repository';
import { type Benchmark, percentile } from './harness';
import { seededHistory } from './seed-history';

const benchmark: Benchmark = {
  name: 'home-recent',
  run: async (ctx) => {
    const seeded = seededHistory(ctx.smoke);
    const db = openDatabase(seeded.dataDir);
    try {
      const repo = new MessageRepository(db);
      const small = (db.prepare('SELECT conversation_id AS id FROM messages WHERE conversation_id != ? LIMIT 1').get(seeded.bigConversationId) as { id: string }).id;
      const rounds = ctx.size(200, 5);
      const time = (fn: () => unknown) => {
        const times: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const t0 = performance.now();
          fn();
          times.push(performance.now() - t0);
        }
        return percentile(times, 95);
      };
      const recent = time(() => repo.recentIncoming(20));
      const baseline = time(() => repo.page(small, 20));
      ctx.log(`${seeded.options.messages} messages: recent activity p95 ${recent.toFixed(3)} ms, a conversation's first page p95 ${baseline.toFixed(3)} ms`);
      return [
        {
          name: 'home_recent_activity',
          value: recent,
          unit: 'ms',
          baseline_name: "newest 20 of one conversation, ms",
          baseline_value: baseline,
          ratio: recent / baseline,
          goal: `newest 20 agent messages across a ${seeded.options.messages}-message log ≤ 10 ms (p95)`,
          pass: recent <= 10,
        },
      ];
    } finally {
      db.close();
    }
  },
};

export default benchmark;
