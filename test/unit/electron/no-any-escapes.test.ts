import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/**
 * Proof (1) of the Electron layer rests on tsc checking it against electron.d.ts; an `any`, a double cast or a
 * suppressed error would quietly opt a line out of that proof.
 */
const root = path.resolve(__dirname, '../../..');
const files = ['src/main/index.ts', ...walk('src/main/electron'), ...walk('src/preload')];
const ESCAPES = [/\bas any\b/, /:\s*any\b/, /<any>/, /\bas unknown as\b/, /@ts-(ignore|expect-error|nocheck)/, /eslint-disable/];

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? walk(rel) : e.name.endsWith('.ts') ? [rel] : [];
  });
}

test('the Electron layer has no any, double casts or suppressed type errors', () => {
  assert.ok(files.length >= 10, `found the layer's files (${files.length})`);
  const hits = files.flatMap((file) =>
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (ESCAPES.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(hits, []);
});

test('the Electron layer is type-checked: tsconfig.node.json includes it and types come from electron.d.ts', () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.node.json'), 'utf8')) as { include: string[] };
  assert.ok(config.include.includes('src/main/**/*') && config.include.includes('src/preload/**/*'));
  assert.ok(fs.existsSync(path.join(root, 'node_modules/electron/electron.d.ts')));
});
