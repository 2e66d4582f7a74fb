/**
 * `tsx bench/scale/seed-cli.ts [messages] [--smoke]`: builds (or finds) the cached seeded log that the benchmarks of
 * that size read, printing progress, so the long 10M seed can run on its own ahead of `npm run bench:scale`.
 */
import { seededHistory } from '../seed-history';

const messages = Number(process.argv[2] ?? 10_000_000);
const t0 = performance.now();
const seeded = seededHistory(false, messages, (m) => console.log(`[seed ${new Date().toISOString()}] ${m}`));
console.log(JSON.stringify({ ...seeded, readyMs: Math.round(performance.now() - t0) }));
