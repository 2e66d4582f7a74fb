import Module from 'node:module';
import path from 'node:path';
import { after } from 'node:test';
import type { FakeElectron } from './fake-electron';

type Resolve = (request: string, parent: unknown, isMain: boolean, options: unknown) => string;
const ModuleInternals = Module as unknown as { _resolveFilename: Resolve; _cache: Record<string, { exports: unknown }> };

/** A module id that no file has, so nothing on disk can be mistaken for the fake. */
const FAKE_ID = path.join(__dirname, '__fake-electron__.js');

let installed = false;

/**
 * Makes every later `require('electron')` (which is what `import ... from 'electron'` compiles to here) return
 * `fake`, until the test file ends. Call again to swap in a fresh fake before loading the wiring anew. The real
 * `electron` package is never loaded, so nothing tries to download its binary.
 */
export function installFakeElectron(fake: FakeElectron): void {
  const existing = ModuleInternals._cache[FAKE_ID];
  if (installed && existing) {
    existing.exports = fake.module;
    return;
  }
  installed = true;
  const original = ModuleInternals._resolveFilename;
  ModuleInternals._resolveFilename = function (request, ...rest) {
    if (request === 'electron') return FAKE_ID;
    return original.call(this, request, ...rest);
  };
  const cached = new Module(FAKE_ID);
  cached.filename = FAKE_ID;
  cached.loaded = true;
  cached.exports = fake.module;
  ModuleInternals._cache[FAKE_ID] = cached;
  after(() => {
    ModuleInternals._resolveFilename = original;
    delete ModuleInternals._cache[FAKE_ID];
    installed = false;
  });
}

/** Loads a file anew (its module state fresh), as a new process would. */
export function loadFresh(file: string): unknown {
  const resolved = require.resolve(file);
  delete ModuleInternals._cache[resolved];
  // A real require on purpose: the wiring must load through the CommonJS resolver the fake is hooked into.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(resolved);
}
