/**
 * `npm run bench [-- name ...]`: runs the benchmarks (all, or those named), prints a table, and writes
 * bench/results.json so a later run can be compared with this one. `npm run bench:scale` (`--scale`) runs the ones in
 * bench/scale instead: ten million messages and ten thousand agents, too slow for every run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchResult, createContext, formatTable, loadBenchmarks } from './harness';

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const dir = process.argv.includes('--scale') ? path.join(__dirname, 'scale') : __dirname;
  const benchmarks = (await loadBenchmarks(dir)).filter((b) => only.length === 0 || only.includes(b.name));
  const results: BenchResult[] = [];
  for (const benchmark of benchmarks) {
    const context = createContext(false, (m) => console.log(`  [${benchmark.name}] ${m}`));
    console.log(`running ${benchmark.name}…`);
    try {
      results.push(...(await benchmark.run(context)));
    } finally {
      context.cleanup();
    }
  }
  console.log(`\n${formatTable(results)}\n`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const file = path.join(__dirname, 'results.json');
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult[]) : [];
  // Keep results of benchmarks not run this time, so a partial run does not erase the others.
  const merged = [...previous.filter((p) => !results.some((r) => r.name === p.name)), ...results];
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
