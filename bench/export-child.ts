/**
 * Runs one export of a whole log in its own process, so the benchmark reads this process's peak RSS and nothing
 * else's. Prints one JSON line: {ms, rows, maxRssMb, startRssMb, rawMs}.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { runExport } from '../src/main/core/history/exporter';
import { ExportReader } from '../src/main/core/store/export-reader';

async function main(): Promise<void> {
  const [file, out, format] = process.argv.slice(2) as [string, string, 'csv' | 'json' | 'markdown'];
  const db = new BetterSqlite3(file, { readonly: true });
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  // Baseline: iterate every row with a bare SELECT, doing nothing with it.
  let t0 = performance.now();
  let raw = 0;
  for (const _row of db.prepare('SELECT rowid, * FROM messages').iterate()) raw++;
  const rawMs = performance.now() - t0;
  t0 = performance.now();
  const final = await runExport({
    exportId: 'bench',
    reader: new ExportReader(db),
    format,
    scope: {},
    file: out,
    onProgress: () => {},
    isCancelled: () => false,
  });
  const ms = performance.now() - t0;
  if (final.state !== 'finished' || final.done !== raw) throw new Error(`export ended ${final.state} with ${final.done}/${raw}`);
  const maxRssMb = peakRssMb();
  process.stdout.write(`${JSON.stringify({ ms, rows: final.done, maxRssMb, startRssMb, rawMs, bytes: fs.statSync(out).size })}\n`);
  db.close();
}

/**
 * This process's own peak RSS. Not `resourceUsage().maxRSS`: Linux carries ru_maxrss over fork and exec, so a child
 * spawned by a bench that had just seeded a 10M log in memory reported the parent's 2 GB as its own peak. VmHWM
 * belongs to this process's address space, which exec made new.
 */
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: fall through to getrusage, which elsewhere is this process's own.
  }
  return process.resourceUsage().maxRSS / 1024;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
