/**
 * Costly history work is bounded for all callers together (so for each one too): one whole-log copy at a time and a
 * few exports at once. What is refused says BUSY and what to do; what was asked for validly is never lost: a second
 * backup joins the one under way, the same export asked twice is that export, and every export let through finishes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { MAX_RUNNING_EXPORTS } from '../../src/main/core/history/history-service';
import { openDatabase } from '../../src/main/core/store/database';
import type { ExportProgress } from '../../src/shared/history';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';
import { nextEvent } from '../support/wait-for';

function seededCore(count: number) {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  logAgent(db, 'cmo-twin', 'CMO Twin');
  logAgent(db, 'cso-twin', 'CSO Twin', 'Sales', 'Sales');
  logMessages(db, Array.from({ length: count }, (_, i) => ({ id: `m${i}`, text: `message ${i}`, agentId: i % 2 ? 'cso-twin' : 'cmo-twin' })));
  db.close();
  return { core: createCore({ dataDir, logger: silentLogger }), dataDir };
}

test('a backup asked for while one runs joins it; a restore meanwhile is BUSY; afterwards both work again', async (t) => {
  const { core, dataDir } = seededCore(2000);
  t.after(() => core.close());
  // Asked for together, as two tabs or a double click would: neither call is awaited before the next is made.
  const first = core.api.backup.create();
  const second = core.api.backup.create();
  const restore = core.api.backup.restore({ file: path.join(dataDir, 'backups', 'anything.sqlite') });
  const [a, b, r] = await Promise.all([first, second, restore]);
  assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
  assert.deepEqual(b.value, a.value, 'the second caller gets the backup under way');
  assert.equal(fs.readdirSync(path.join(dataDir, 'backups')).filter((name) => name.endsWith('.sqlite')).length, 1);
  assert.equal(r.ok ? 'ok' : r.error.code, 'BUSY');
  assert.match(r.ok ? '' : r.error.message, /A backup is being made right now; try again when it has finished/);

  // The copy is done: the same restore now runs (and is itself the only copy while it runs).
  const restored = core.api.backup.restore({ file: a.value.file });
  const during = await core.api.backup.create();
  assert.equal(during.ok ? 'ok' : during.error.code, 'BUSY');
  assert.match(during.ok ? '' : during.error.message, /A restore is under way/);
  const done = await restored;
  assert.ok(done.ok, JSON.stringify(done));
  const again = await core.api.backup.create();
  assert.ok(again.ok, JSON.stringify(again));
});

test(`at most ${MAX_RUNNING_EXPORTS} exports run at once: the next is BUSY, the same one again is that one, and none is lost`, async (t) => {
  const { core } = seededCore(6000);
  t.after(() => core.close());
  const finished = new Map<string, ExportProgress>();
  t.after(core.on('export:progressed', (p) => p.state !== 'running' && finished.set(p.exportId, p)));

  const requests = [
    { format: 'json' as const },
    { format: 'csv' as const },
    { format: 'markdown' as const, scope: { agentId: 'cmo-twin' } },
  ];
  assert.equal(requests.length, MAX_RUNNING_EXPORTS);
  const started = await Promise.all(requests.map((request) => core.api.export.start(request)));
  const ids = started.map((s) => {
    assert.ok(s.ok && s.value.state === 'running', JSON.stringify(s));
    return s.value.exportId;
  });
  assert.equal(new Set(ids).size, MAX_RUNNING_EXPORTS);

  const extra = { format: 'csv' as const, scope: { agentId: 'cso-twin' } };
  const refused = await core.api.export.start(extra);
  assert.equal(refused.ok ? 'ok' : refused.error.code, 'BUSY');
  assert.match(refused.ok ? '' : refused.error.message, /3 exports are running, the most at once; wait for one to finish or cancel one/);

  const repeated = await core.api.export.start({ format: 'json' });
  assert.equal(repeated.ok && repeated.value.exportId, ids[0], 'the same export asked again is the one running');

  // Cancelling one makes room at once: the refused export now starts.
  const cancel = await core.api.export.cancel({ exportId: ids[2]! });
  assert.ok(cancel.ok);
  const cancelled = await nextEvent(core, 'export:progressed', (p) => p.exportId === ids[2] && p.state !== 'running');
  assert.equal(cancelled.state, 'cancelled');
  const late = await core.api.export.start(extra);
  assert.ok(late.ok, JSON.stringify(late));

  for (const id of [ids[0]!, ids[1]!, late.value.exportId]) {
    const final = finished.get(id) ?? (await nextEvent(core, 'export:progressed', (p) => p.exportId === id && p.state !== 'running', 30_000));
    assert.equal(final.state, 'finished', JSON.stringify(final));
    assert.equal(final.done, final.total);
    assert.ok(fs.statSync(final.file!).size > 0);
  }
  const json = JSON.parse(fs.readFileSync(finished.get(ids[0]!)!.file!, 'utf8')) as unknown[];
  assert.equal(json.length, 6000, 'the export that was asked for twice is whole, written once');
});
