import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/**
 * The runtime boundaries, checked on the source text so they hold even for files lint is not told about.
 * (eslint.config.mjs enforces the same rules in editors.)
 */
const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

function resolvesInto(file: string, specifier: string, dir: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.relative(root, path.resolve(root, path.dirname(file), specifier));
  return target === dir || target.startsWith(`${dir}${path.sep}`);
}

function violations(dir: string, forbidden: (file: string, specifier: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) => importsOf(file).filter((s) => forbidden(file, s)).map((s) => `${file} imports ${s}`));
}

test('src/shared imports nothing runtime-specific', () => {
  const allowed = new Set(['zod']);
  assert.deepEqual(
    violations('src/shared', (file, s) => (s.startsWith('.') ? !resolvesInto(file, s, 'src/shared') : !allowed.has(s))),
    [],
  );
});

test('src/main/core never imports electron', () => {
  assert.deepEqual(violations('src/main/core', (_f, s) => s === 'electron' || s.startsWith('electron/')), []);
});

test('the renderer never imports main, preload, node or electron', () => {
  assert.deepEqual(
    violations(
      'src/renderer',
      (file, s) =>
        s === 'electron' ||
        s.startsWith('node:') ||
        resolvesInto(file, s, 'src/main') ||
        resolvesInto(file, s, 'src/preload') ||
        resolvesInto(file, s, 'src/agent-kit'),
    ),
    [],
  );
});

test('the preload imports only electron and the shared contract', () => {
  assert.deepEqual(violations('src/preload', (file, s) => s !== 'electron' && !resolvesInto(file, s, 'src/shared')), []);
});

test('the boundary check itself sees a forbidden import', () => {
  assert.ok(importsOf('src/main/index.ts').includes('electron'), 'the scanner must find imports it is meant to forbid');
});
