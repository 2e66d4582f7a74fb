import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const rendererDir = path.resolve(__dirname, '../../../src/renderer/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Checked on the source text: a hook that called `api.onX` itself would be a second subscription to that channel. */
test('the renderer subscribes to events only through the data layer (lib/data.ts), never api.onX in a hook', () => {
  const offenders = sources(rendererDir)
    .filter((file) => path.relative(rendererDir, file) !== path.join('lib', 'data.ts'))
    .filter((file) => /\bapi\.on[A-Z]\w*\(/.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(rendererDir, file));
  assert.deepEqual(offenders, []);
  assert.ok(sources(rendererDir).length > 20, 'the scan sees the renderer');
});
