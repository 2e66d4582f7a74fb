/**
 * The history figures at ten million messages (`npm run bench:scale`): search, opening the biggest conversation,
 * start-up, file size and export, all on one seeded log: 2,000 agents, 10,000 conversations (the biggest over 1M
 * messages). The log is bulk-loaded with one FTS rebuild (not triggers) and kept under .bench-cache/ across runs (see
 * seed-history.ts); on this machine the seed takes about 11 minutes, once. `tsx bench/scale/seed-cli.ts` builds it ahead.
 */
import { exportResults } from '../history-export.bench';
import { openConversationResults } from '../history-open-conversation.bench';
import { searchResults } from '../history-search.bench';
import type { Benchmark } from '../harness';
import { seededHistory } from '../seed-history';
import { startupResults } from '../startup-support';

const benchmark: Benchmark = {
  name: 'history-10m',
  async run(ctx) {
    const t0 = performance.now();
    const seeded = seededHistory(ctx.smoke, 10_000_000, ctx.log);
    ctx.log(`log of ${seeded.options.messages} messages ready in ${Math.round(performance.now() - t0)} ms (seeded once in ${Math.round(seeded.seedMs / 1000)} s)`);
    // Quickest first: each part logs its figures as it ends, so a run cut short still reports what it measured.
    const results = [...(await openConversationResults(ctx, seeded, '_10m'))];
    ctx.log(results.map((r) => `${r.name} ${r.value.toFixed(2)} ${r.unit}`).join('; '));
    results.push(...(await searchResults(ctx, seeded, '_10m')));
    results.push(...(await startupResults(ctx, seeded, '10m')));
    results.push(...(await exportResults(ctx, seeded, '10m', 600)));
    return results;
  },
};

export default benchmark;
