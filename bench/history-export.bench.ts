/**
 * export_1m: exporting the whole seeded log to CSV, in a child process so its peak RSS is its own. Baselines from
 * the same child: a bare SELECT iterating every row (time), and its RSS before exporting (memory).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { BenchContext, Benchmark, BenchResult } from './harness';
import { type SeededHistory, seededHistory } from './seed-history';

/** export_<label>: the whole seeded log to CSV; `limitS` is the goal (60 s at 1M, 10 min at 10M). */
export async function exportResults(ctx: BenchContext, seeded: SeededHistory, label: string, limitS: number): Promise<BenchResult[]> {
  {
    const out = path.join(ctx.tempDir(), 'export.csv');
    const stdout = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'export-child.ts'), seeded.file, out, 'csv'],
      { encoding: 'utf8' },
    );
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      ms: number;
      rows: number;
      maxRssMb: number;
      startRssMb: number;
      rawMs: number;
      bytes: number;
    };
    ctx.log(`${r.rows} rows, ${(r.bytes / 2 ** 20).toFixed(0)} MB of CSV in ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB`);
    return [
      {
        name: `export_${label}`,
        value: r.ms / 1000,
        unit: 's',
        baseline_name: 'bare SELECT over every row, s',
        baseline_value: r.rawMs / 1000,
        ratio: r.ms / r.rawMs,
        goal: `${r.rows} messages to CSV ≤ ${limitS} s`,
        pass: r.ms <= limitS * 1000,
      },
      {
        name: `export_${label}_peak_rss`,
        value: r.maxRssMb,
        unit: 'MB',
        baseline_name: 'child RSS before exporting, MB',
        baseline_value: r.startRssMb,
        ratio: r.maxRssMb / r.startRssMb,
        goal: 'peak RSS < 200 MB',
        pass: r.maxRssMb < 200,
      },
    ];
  }
}

const benchmark: Benchmark = {
  name: 'history-export',
  run: (ctx) => exportResults(ctx, seededHistory(ctx.smoke), '1m', 60),
};

export default benchmark;
