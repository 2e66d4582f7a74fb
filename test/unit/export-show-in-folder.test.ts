import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { openDatabase } from '../../src/main/core/store/database';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';
import { nextEvent } from '../support/wait-for';

test('export:show-in-folder reveals a finished export, and nothing outside the exports folder; without a desktop it says so', async (t) => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  logAgent(db, 'cmo-twin', 'CMO Twin');
  logMessages(db, [{ id: 'm1', text: 'hello' }]);
  db.close();
  const revealed: string[] = [];
  const core = createCore({ dataDir, logger: silentLogger, showItemInFolder: (file) => revealed.push(file) });
  t.after(() => core.close());

  const finished = nextEvent(core, 'export:progressed', (p) => p.state === 'finished');
  const started = await core.api.export.start({ format: 'markdown' });
  assert.equal(started.ok, true);
  const file = (await finished).file!;
  assert.ok(fs.existsSync(file));

  assert.deepEqual(await core.api.export.showInFolder({ file }), { ok: true, value: {} });
  assert.deepEqual(revealed, [file]);

  // The page names a file; a path elsewhere (the log itself, a traversal) is refused and nothing is revealed.
  for (const elsewhere of [path.join(dataDir, 'twin-console.sqlite'), path.join(dataDir, 'exports', '..', 'twin-console.sqlite'), '/etc/passwd', path.join(dataDir, 'exports', 'missing.md')]) {
    const refused = await core.api.export.showInFolder({ file: elsewhere });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'NOT_FOUND', elsewhere);
  }
  assert.equal(revealed.length, 1);

  const browserOnly = createCore({ dataDir: tempDir(), logger: silentLogger });
  t.after(() => browserOnly.close());
  const unsupported = await browserOnly.api.export.showInFolder({ file });
  assert.equal(unsupported.ok ? 'ok' : unsupported.error.code, 'CONFLICT');
});
