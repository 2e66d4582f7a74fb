/**
 * export_1m: exporting the whole seeded log to CSV, in a child process so its peak RSS is its own. Baselines from
 * the same child: a bare SELECT iterating every row (time), and its RSS before exporting (memory).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Benchmark } from './harness';
import { seededHistory } from './seed-history';

const benchmark: Benchmark = {
  name: 'history-export',
  async run(ctx) {
    const seeded = seededHistory(ctx.smoke);
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
        name: 'export_1m',
        value: r.ms / 1000,
        unit: 's',
        baseline_name: 'bare SELECT over every row, s',
        baseline_value: r.rawMs / 1000,
        ratio: r.ms / r.rawMs,
        goal: `${r.rows} messages to CSV ≤ 60 s`,
        pass: r.ms <= 60_000,
      },
      {
        name: 'export_1m_peak_rss',
        value: r.maxRssMb,
        unit: 'MB',
        baseline_name: 'child RSS before exporting, MB',
        baseline_value: r.startRssMb,
        ratio: r.maxRssMb / r.startRssMb,
        goal: 'peak RSS < 200 MB',
        pass: r.maxRssMb < 200,
      },
    ];
  },
};

export default benchmark;
