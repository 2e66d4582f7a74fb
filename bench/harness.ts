/**
 * The benchmark harness. Each `bench/*.bench.ts` default-exports a Benchmark. Timings on a shared 2-core machine
 * are noisy, so every result carries a baseline measured in the same run and the ratio to it, next to the
 * absolute figure; `goal` says in words what the issue asks for, and `pass` whether this run met it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline_name: string;
  baseline_value: number;
  /** value / baseline_value, in whichever direction the goal states. */
  ratio: number;
  goal: string;
  pass: boolean;
}

export interface BenchContext {
  /** A short run for `npm test`: same code paths, tiny sizes, no goals enforced. */
  smoke: boolean;
  /** Picks the full-size or the smoke-size parameter. */
  size(full: number, smoke: number): number;
  /** A fresh directory, removed when the benchmark ends. */
  tempDir(): string;
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}

export function createContext(smoke: boolean, log: (message: string) => void = () => {}): BenchContext & {
  cleanup(): void;
} {
  const dirs: string[] = [];
  return {
    smoke,
    size: (full, small) => (smoke ? small : full),
    tempDir: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-bench-'));
      dirs.push(dir);
      return dir;
    },
    log,
    cleanup: () => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })),
  };
}

/** Every benchmark file in bench/, in name order. */
export async function loadBenchmarks(dir = __dirname): Promise<Benchmark[]> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  const modules = await Promise.all(files.map((f) => import(path.join(dir, f)) as Promise<{ default: Benchmark }>));
  return modules.map((m) => m.default);
}

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function formatTable(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    `${round(r.value)} ${r.unit}`,
    `${r.baseline_name}: ${round(r.baseline_value)}`,
    round(r.ratio).toString(),
    r.goal,
    r.pass ? 'yes' : 'NO',
  ]);
  const header = ['benchmark', 'value', 'baseline (same run)', 'ratio', 'goal', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  const abs = Math.abs(n);
  return abs >= 100 ? Math.round(n) : abs >= 1 ? Math.round(n * 100) / 100 : Math.round(n * 1000) / 1000;
}
