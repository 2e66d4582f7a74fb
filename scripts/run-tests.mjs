#!/usr/bin/env node
// Runs every test file under node's test runner (TypeScript through tsx) and ends the output with the
// `tests: N passed, N failed` line CI reads. Usage: node scripts/run-tests.mjs [folder-or-file ...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// test/bench-smoke runs the benchmarks at smoke size; one drives the built renderer, so it needs a build like e2e.
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test/unit', 'test/integration', 'test/e2e', 'test/bench-smoke', 'test/electron'];

function collect(target) {
  if (!fs.existsSync(target)) return [];
  if (fs.statSync(target).isFile()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? collect(path.join(target, entry.name)) : entry.name.endsWith('.test.ts') ? [path.join(target, entry.name)] : []))
    .sort();
}

const files = roots.flatMap(collect);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./test/support/summary-reporter.mjs', '--test-reporter-destination=stdout',
    ...files,
  ],
  // Pages open without the first-run tour unless a test asks for it (test/e2e/tour.test.ts): see CoreOptions.tourDone.
  { stdio: 'inherit', env: { ...process.env, TWIN_CONSOLE_TOUR: process.env.TWIN_CONSOLE_TOUR ?? 'done' } },
);
process.exit(result.status ?? 1);
