/**
 * Start-up figures for a seeded log of any size (the 1M figures run in `npm run bench`, the 10M ones in
 * `npm run bench:scale`):
 *  - core_open: openCore() on the log, after a clean close (the quick_check then runs in the background, later);
 *    baseline: the same on an empty log. core_open_after_crash is the same open without the clean-close marker,
 *    which checks the whole file first: what every start cost before.
 *  - cold_start: process start → the roster on screen in Chromium, through the browser host; baseline: an empty log.
 *  - log_bytes_per_message: the file's size over its messages, FTS included; baseline: the same rows without FTS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import BetterSqlite3 from 'better-sqlite3';
import { openCore, silentLogger } from '../src/main/core';
import { cleanCloseMarkerFile } from '../src/main/core/store/clean-close-marker';
import { RENDERER_DIR } from '../test/support/console-under-test';
import { bundleNodeEntry } from '../scripts/bundle-node-entry';
import { launchChromiumForBench } from './chromium-bench-support';
import { type BenchContext, type BenchResult, percentile } from './harness';
import type { SeededHistory } from './seed-history';

const HOST_SOURCE = path.join(__dirname, 'cold-start-host.ts');
const HOST_BUNDLE = path.resolve(__dirname, '../out/bench/cold-start-host.cjs');

/** Times openCore() alone; the close after it (which writes the clean-close marker) is not timed. */
async function timeOpen(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const core = openCore({ dataDir, logger: silentLogger, tickIntervalMs: 0 });
  const ms = performance.now() - t0;
  await core.close();
  return ms;
}

async function openRounds(dataDir: string, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(await timeOpen(dataDir));
  return percentile(times, 50);
}

/**
 * Bundles the host (outside any timing) the way `npm start` bundles the browser host: the shipped app runs bundled
 * JavaScript, not TypeScript through tsx.
 */
function bundleHost(): Promise<void> {
  return bundleNodeEntry(HOST_SOURCE, HOST_BUNDLE);
}

async function coldStart(page: Page, dataDir: string, agents: number): Promise<{ ms: number; openMs: number }> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [HOST_BUNDLE, dataDir, RENDERER_DIR], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const started = await new Promise<{ url: string; openMs: number }>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line && out.includes('\n')) resolve(JSON.parse(line) as { url: string; openMs: number });
      });
      child.once('exit', (code) => reject(new Error(`the host exited (${code}) before serving`)));
    });
    await page.goto(started.url);
    await page.getByTestId('roster-count').filter({ hasText: `/${agents}` }).waitFor({ timeout: 120_000 });
    return { ms: performance.now() - t0, openMs: started.openMs };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function startupResults(ctx: BenchContext, seeded: SeededHistory, label: string): Promise<BenchResult[]> {
  const empty = ctx.tempDir();
  await timeOpen(empty); // create it: the baseline opens an existing, empty log
  // Untimed: an earlier benchmark may have left the log without the clean-close marker (this open checks it, once).
  await timeOpen(seeded.dataDir);
  const rounds = ctx.size(5, 2);
  const open = await openRounds(seeded.dataDir, rounds);
  const openEmpty = await openRounds(empty, rounds);

  // Without the marker (as after a crash) the whole file is checked first: the figure the issue started from. At 10M
  // that takes minutes, so it is measured at 1M only.
  let afterCrash = Number.NaN;
  if (label === '1m') {
    fs.rmSync(cleanCloseMarkerFile(seeded.file), { force: true });
    afterCrash = await timeOpen(seeded.dataDir);
  }
  ctx.log(`openCore ${open.toFixed(0)} ms (empty log ${openEmpty.toFixed(0)} ms); after a crash, with quick_check: ${Number.isNaN(afterCrash) ? 'not measured at this size' : `${afterCrash.toFixed(0)} ms`}`);

  await bundleHost();
  const browser = await launchChromiumForBench();
  let cold: number;
  let coldEmpty: number;
  try {
    const page = await browser.newPage();
    // One untimed start warms the OS file cache, as a second launch of the day has it.
    await coldStart(page, seeded.dataDir, seeded.options.agents);
    const runs: { ms: number; openMs: number }[] = [];
    const emptyRuns: number[] = [];
    for (let i = 0; i < ctx.size(3, 1); i++) {
      runs.push(await coldStart(page, seeded.dataDir, seeded.options.agents));
      emptyRuns.push((await coldStart(page, empty, 0)).ms);
    }
    cold = percentile(runs.map((r) => r.ms), 50);
    coldEmpty = percentile(emptyRuns, 50);
    ctx.log(`cold start ${cold.toFixed(0)} ms (open in the host ${percentile(runs.map((r) => r.openMs), 50).toFixed(0)} ms); empty log ${coldEmpty.toFixed(0)} ms`);
  } finally {
    await browser.close();
  }

  const db = new BetterSqlite3(seeded.file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const fileBytes = (db.pragma('page_count', { simple: true }) as number) * pageSize;
  const ftsBytes = (db.prepare("SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name LIKE 'messages_fts%'").get() as { n: number }).n;
  db.close();
  const messages = seeded.options.messages;
  ctx.log(`file ${(fileBytes / 2 ** 20).toFixed(0)} MB, of which the search index ${(ftsBytes / 2 ** 20).toFixed(0)} MB`);

  const openGoal = 300;
  const coldGoal = label === '10m' ? 2000 : 1500;
  return [
    {
      name: `core_open_${label}`,
      value: open,
      unit: 'ms (median)',
      baseline_name: 'openCore on an empty log, ms',
      baseline_value: openEmpty,
      ratio: open / openEmpty,
      goal: `openCore() on a ${messages}-message log ≤ ${openGoal} ms`,
      pass: open <= openGoal,
    },
    ...(Number.isNaN(afterCrash) ? [] : [{
      name: `core_open_${label}_after_crash`,
      value: afterCrash,
      unit: 'ms',
      baseline_name: 'openCore after a clean close, ms',
      baseline_value: open,
      ratio: afterCrash / open,
      goal: 'reported: quick_check at open, only after an unclean shutdown',
      pass: true,
    }]),
    {
      name: `cold_start_${label}`,
      value: cold,
      unit: 'ms (median)',
      baseline_name: 'same with an empty log, ms',
      baseline_value: coldEmpty,
      ratio: cold / coldEmpty,
      goal: `process start → roster visible in Chromium ≤ ${coldGoal} ms`,
      pass: cold <= coldGoal,
    },
    {
      name: `log_bytes_per_message${label === '1m' ? '' : `_${label}`}`,
      value: fileBytes / messages,
      unit: 'bytes',
      baseline_name: 'same rows without FTS, bytes',
      baseline_value: (fileBytes - ftsBytes) / messages,
      ratio: fileBytes / (fileBytes - ftsBytes),
      goal: 'reported (FTS with prefix indexes 2-8 included)',
      pass: true,
    },
  ];
}
