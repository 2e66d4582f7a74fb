/**
 * The data dir holds the whole log and agent tokens: after a full run (log, -wal, -shm, backups, an export, a
 * review open, a salvage) every folder in it must be 700 and every file 600, whatever the umask. The
 * umask here is 000, the loosest there is, so nothing is private by accident.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startDemoFleet } from '../../src/agent-kit/demo/demo-fleet';
import { createCore, type Logger, silentLogger } from '../../src/main/core';
import { salvageMessages } from '../../src/main/core/history/salvage';
import { DATABASE_FILE_NAME } from '../../src/main/core/store/database';
import { MIGRATIONS } from '../../src/main/core/store/migrations';
import { tempDir } from '../support/temp-dir';
import { nextAgent, nextEvent } from '../support/wait-for';

let previousUmask: number;
before(() => {
  previousUmask = process.umask(0o000);
});
after(() => {
  process.umask(previousUmask);
});

/** Every path under `dir` (itself included) with its permission bits. */
function walk(dir: string): { path: string; mode: number; isDir: boolean }[] {
  const here = { path: dir, mode: fs.lstatSync(dir).mode & 0o777, isDir: true };
  return [
    here,
    ...fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : [{ path: full, mode: fs.lstatSync(full).mode & 0o777, isDir: false }];
    }),
  ];
}

function assertPrivate(dataDir: string): string[] {
  const entries = walk(dataDir);
  const loose = entries
    .filter((e) => e.mode !== (e.isDir ? 0o700 : 0o600))
    .map((e) => `${path.relative(dataDir, e.path) || '.'} is ${e.mode.toString(8)}`);
  assert.deepEqual(loose, [], 'every folder 700 and every file 600');
  return entries.map((e) => path.relative(dataDir, e.path));
}

test('after a full run with umask 000, the data dir is 700 and every file in it 600', async (t) => {
  const dataDir = path.join(tempDir(), 'data');
  const fleet = await startDemoFleet({ activity: 'quiet' });
  t.after(() => fleet.close());
  const core = createCore({ dataDir, endpoints: fleet.urls.map((url) => ({ url })), logger: silentLogger });
  t.after(() => core.close());
  await core.api.endpoints.add({ url: 'ws://127.0.0.1:9/', token: 'a-secret-token' });

  await nextAgent(core, (a) => a.id === 'cmo-twin' && a.linkState === 'online');
  const delivered = nextEvent(core, 'message:changed', (m) => m.direction === 'out' && m.status === 'delivered');
  assert.ok((await core.api.messages.send({ agentId: 'cmo-twin', text: 'How is the campaign doing?' })).ok);
  await delivered;

  const backup = await core.api.backup.create();
  assert.ok(backup.ok, JSON.stringify(backup));
  assert.ok((await core.api.backup.create()).ok);
  const started = await core.api.export.start({ format: 'json' });
  assert.ok(started.ok);
  const exported = await nextEvent(core, 'export:progressed', (p) => p.exportId === started.value.exportId && p.state !== 'running');
  assert.equal(exported.state, 'finished');
  assert.ok((await core.api.history.openFile({ file: backup.value.file })).ok);
  salvageMessages(path.join(dataDir, DATABASE_FILE_NAME), path.join(dataDir, 'recovered'), Date.now());

  // While the console runs, its -wal and -shm are there too.
  const running = assertPrivate(dataDir);
  for (const expected of [DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`]) {
    assert.ok(running.includes(expected), `${expected} was walked`);
  }
  for (const folder of ['backups', 'exports', 'recovered']) {
    assert.ok(running.some((p) => p.startsWith(`${folder}${path.sep}`)), `a file in ${folder}/ was walked`);
  }
  // The two backups (and the -wal/-shm of the one open for review).
  assert.equal(running.filter((p) => p.startsWith(`backups${path.sep}`) && p.endsWith('.sqlite')).length, 2, running.join(', '));

  await core.api.history.closeFile();
  await core.close();
  assertPrivate(dataDir);
});

test('an existing data dir readable by others is made private on start, and the log says so once', async (t) => {
  const dataDir = tempDir();
  const first = createCore({ dataDir, logger: silentLogger });
  assert.ok((await first.api.backup.create()).ok);
  await first.close();
  // As an older version left it (or a hand-made copy): world-readable everywhere.
  for (const entry of walk(dataDir)) fs.chmodSync(entry.path, entry.isDir ? 0o755 : 0o644);

  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
  const second = createCore({ dataDir, logger });
  t.after(() => second.close());
  assertPrivate(dataDir);
  const permissionWarnings = warnings.filter((w) => /readable by other users/.test(w));
  assert.equal(permissionWarnings.length, 1, warnings.join('\n'));
  assert.match(permissionWarnings[0]!, /backups/);
  await second.close();

  const third = createCore({ dataDir, logger });
  t.after(() => third.close());
  assert.equal(warnings.filter((w) => /readable by other users/.test(w)).length, 1, 'a private dir is not reported again');
});

test('the copies SQLite writes itself (VACUUM INTO before a migration, a review copy of an older log) are 600 too', async (t) => {
  const dataDir = tempDir();
  const old = path.join(tempDir(), 'old.sqlite');
  for (const file of [path.join(dataDir, DATABASE_FILE_NAME), old]) {
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.slice(0, 1)) {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.close();
  }
  const core = createCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());
  assert.ok((await core.api.history.openFile({ file: old })).ok, 'an older log opens for review through a migrated copy');
  const files = assertPrivate(dataDir);
  assert.ok(files.some((p) => /^backups.twin-console\.v1\.before-migration\./.test(p)), files.join(', '));
  assert.ok(files.some((p) => /^review.review-/.test(p)), files.join(', '));
});

test('a shared data dir (sticky, like /tmp) is never chmod-ed, only reported, and its log file is still 600', async (t) => {
  const dataDir = tempDir();
  fs.chmodSync(dataDir, 0o1777);
  const warnings: string[] = [];
  const core = createCore({ dataDir, logger: { ...silentLogger, warn: (message) => warnings.push(message) } });
  t.after(() => core.close());
  assert.equal(fs.statSync(dataDir).mode & 0o7777, 0o1777, 'left as it was');
  assert.ok(warnings.some((w) => /shared directory/.test(w)), warnings.join('\n'));
  assert.equal(fs.statSync(path.join(dataDir, DATABASE_FILE_NAME)).mode & 0o777, 0o600);
});
