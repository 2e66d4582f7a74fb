import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openCore, silentLogger } from '../../src/main/core';
import { cleanCloseMarkerFile } from '../../src/main/core/store/clean-close-marker';
import { DATABASE_FILE_NAME, openDatabase } from '../../src/main/core/store/database';
import { logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';
import { nextEvent } from '../support/wait-for';

const CHILD = path.resolve(__dirname, '../support/log-child.ts');
// No check runs unless a test asks for one through the UI's first startup:status.
const QUIET = { afterUiMs: 0, fallbackMs: 3_600_000, intervalMs: 0 };

function seed(dataDir: string): void {
  const db = openDatabase(dataDir);
  logMessages(db, Array.from({ length: 4000 }, (_, i) => ({ id: `m${i}`, text: `message number ${i} `.repeat(4) })));
  db.close();
}

/** Overwrites two pages in the back half of the file (message and index pages, not the schema), as bit rot would. */
function damage(file: string, keepMtime: boolean): void {
  const before = fs.statSync(file);
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  const lastPage = Math.floor(bytes.length / pageSize) - 1;
  for (const page of [Math.floor(lastPage * 0.6), Math.floor(lastPage * 0.8)]) bytes.fill(0xa5, page * pageSize, (page + 1) * pageSize);
  fs.writeFileSync(file, bytes);
  if (keepMtime) fs.utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000);
}

/** Runs the core in a child process until it has opened the log, then ends it with `signal`. */
async function runChild(dataDir: string, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
    child.once('exit', (code) => reject(new Error(`the core exited (${code}) before opening the log`)));
  });
  child.kill(signal);
  await exited;
}

test('a clean close leaves the marker; kill -9 leaves none, and the next open checks the log before using it', async () => {
  const dataDir = tempDir();
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  seed(dataDir);

  await runChild(dataDir, 'SIGTERM');
  assert.ok(fs.existsSync(cleanCloseMarkerFile(file)), 'a clean close writes the marker');

  await runChild(dataDir, 'SIGKILL');
  assert.ok(!fs.existsSync(cleanCloseMarkerFile(file)), 'opening takes the marker; a killed core leaves none');

  // Damage that keeps the file's size and mtime: only a check can see it, and after an unclean end it runs at open.
  damage(file, true);
  const core = openCore({ dataDir, logger: silentLogger, tickIntervalMs: 0, integrityCheck: QUIET });
  try {
    const status = await core.api.startup.status();
    assert.equal(status.ok && status.value.state, 'database-unreadable');
  } finally {
    await core.close();
  }
});

test('a log changed while the console was closed is checked at open, marker or not', async () => {
  const dataDir = tempDir();
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  seed(dataDir);
  await runChild(dataDir, 'SIGTERM');
  assert.ok(fs.existsSync(cleanCloseMarkerFile(file)));
  damage(file, false);
  const core = openCore({ dataDir, logger: silentLogger, tickIntervalMs: 0, integrityCheck: QUIET });
  try {
    const status = await core.api.startup.status();
    assert.equal(status.ok && status.value.state, 'database-unreadable');
  } finally {
    await core.close();
  }
});

test('after a clean close the open does not block on the check; damage is found in the background, alerted, and nothing more is written', async () => {
  const dataDir = tempDir();
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  seed(dataDir);
  await runChild(dataDir, 'SIGTERM');
  damage(file, true);

  const core = openCore({ dataDir, logger: silentLogger, tickIntervalMs: 0, integrityCheck: QUIET });
  try {
    const alert = nextEvent(core, 'alert:changed', (a) => a.severity === 'critical');
    const changed = nextEvent(core, 'startup:changed');
    // The first startup:status is the UI coming up: the log opened without a check, and the check starts now.
    const first = await core.api.startup.status();
    assert.deepEqual(first.ok && first.value, { state: 'ready' });

    const raised = await alert;
    assert.equal(raised.state, 'firing');
    assert.match(raised.title, /damaged/);
    const status = await changed;
    assert.equal(status.state, 'database-unreadable');

    const bytes = fs.readFileSync(file);
    const now = await core.api.startup.status();
    assert.equal(now.ok && now.value.state, 'database-unreadable');
    // Every channel but recovery refuses, and nothing reaches the damaged file.
    const send = await core.api.conversations.list();
    assert.equal(!send.ok && send.error.code, 'STORAGE_FAILED');
    const salvage = await core.api.recovery.salvage();
    assert.ok(salvage.ok, JSON.stringify(salvage));
    assert.ok(salvage.value.messages > 1000, `salvaged ${salvage.value.messages}`);
    assert.ok(fs.readFileSync(file).equals(bytes), 'the damaged file is not written to');
  } finally {
    await core.close();
  }
  assert.ok(!fs.existsSync(cleanCloseMarkerFile(file)), 'a damaged log is not marked clean: the next start checks it');
});

test('a sound log passes the background check and stays in use', async () => {
  const dataDir = tempDir();
  seed(dataDir);
  await runChild(dataDir, 'SIGTERM');
  const logs: string[] = [];
  let onChecked = () => {};
  const checked = new Promise<void>((resolve) => (onChecked = resolve));
  const logger = {
    ...silentLogger,
    info: (m: string) => {
      logs.push(m);
      if (/checked in the background/.test(m)) onChecked();
    },
  };
  const core = openCore({ dataDir, logger, tickIntervalMs: 0, integrityCheck: QUIET });
  try {
    await core.api.startup.status();
    await checked;
    assert.ok(logs.some((m) => /: ok$/.test(m)), logs.join('\n'));
    const conversations = await core.api.conversations.list();
    assert.ok(conversations.ok);
  } finally {
    await core.close();
  }
});
