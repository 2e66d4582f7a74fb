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

/** The layers inside src/main/core, as eslint.config.mjs states them: lib < base (store, secrets, helpers) < features < composition. */
const CORE = 'src/main/core';
const FEATURES = ['links', 'messages', 'alerts', 'operations', 'history', 'timeline', 'onboarding'];
const BASE_FILES = ['core-error.ts', 'logger.ts', 'contract-dispatch.ts', 'link-config.ts'];
const COMPOSITION_FILES = ['create-core.ts', 'open-core.ts', 'direct-api.ts', 'index.ts'];

/** The layer of a file under src/main/core: 'lib', 'base', 'feature:<name>', 'composition', or null outside the core. */
function coreLayer(file: string): string | null {
  const rel = path.relative(path.join(root, CORE), path.resolve(root, file));
  if (rel.startsWith('..')) return null;
  const [top, ...rest] = rel.split(path.sep);
  if (rest.length === 0) {
    const name = /\.tsx?$/.test(top!) ? top! : `${top}.ts`;
    if (BASE_FILES.includes(name)) return 'base';
    if (COMPOSITION_FILES.includes(name)) return 'composition';
    return `unknown:${top}`;
  }
  if (top === 'lib') return 'lib';
  if (top === 'store' || top === 'secrets') return 'base';
  if (FEATURES.includes(top!)) return `feature:${top}`;
  return `unknown:${top}`;
}

function layerViolation(file: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const from = coreLayer(file);
  const to = coreLayer(path.relative(root, path.resolve(root, path.dirname(file), specifier)));
  if (from === null || to === null || from === to) return false;
  if (from === 'composition') return false;
  if (from === 'lib') return true;
  if (from === 'base') return to !== 'lib';
  return to !== 'lib' && to !== 'base';
}

test('inside the core, lib and store import no feature, and features import only lib, store and themselves', () => {
  const unknown = sourceFiles(CORE).filter((f) => coreLayer(f)?.startsWith('unknown:'));
  assert.deepEqual(unknown, [], 'every core file belongs to a layer: add new folders to FEATURES here and in eslint.config.mjs');
  assert.deepEqual(violations(CORE, layerViolation), []);
});

test('the layer check itself sees an upward and a sideways import', () => {
  assert.ok(layerViolation(`${CORE}/store/x.ts`, '../history/search-query'), 'store → feature');
  assert.ok(layerViolation(`${CORE}/alerts/x.ts`, '../timeline/timeline-module'), 'feature → feature');
  assert.ok(layerViolation(`${CORE}/lib/x.ts`, '../store/database'), 'lib → store');
  assert.ok(layerViolation(`${CORE}/links/v1/x.ts`, '../../create-core'), 'feature → composition');
  assert.ok(!layerViolation(`${CORE}/links/v1/x.ts`, '../link'), 'within a feature');
  assert.ok(!layerViolation(`${CORE}/operations/x.ts`, '../store/database'), 'feature → store');
});
