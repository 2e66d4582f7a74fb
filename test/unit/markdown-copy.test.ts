import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { openDatabase } from '../../src/main/core/store/database';
import { MARKDOWN_COPY_MAX_MESSAGES } from '../../src/shared/history';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

test('export:markdown: a conversation as Markdown from the log, its newest messages only past the bound, said so', async (t) => {
  const dir = tempDir();
  const db = openDatabase(dir);
  logAgent(db, 'cmo-twin', 'CMO Twin');
  const count = MARKDOWN_COPY_MAX_MESSAGES + 10;
  logMessages(
    db,
    Array.from({ length: count }, (_, i) => ({ id: `m${i}`, text: `line ${i}`, direction: i % 2 === 0 ? ('out' as const) : ('in' as const) })),
  );
  logMessages(db, [{ id: 'other', text: 'elsewhere', agentId: 'cso-twin' }]);
  db.close();
  const core = createCore({ dataDir: dir, logger: silentLogger });
  t.after(() => core.close());

  const long = await core.api.export.markdown({ conversationId: 'direct:cmo-twin' });
  assert.ok(long.ok, JSON.stringify(long));
  assert.equal(long.value.total, count);
  assert.equal(long.value.messages, MARKDOWN_COPY_MAX_MESSAGES);
  assert.equal(long.value.truncated, true);
  const lines = long.value.markdown.split('\n').filter((l) => l.startsWith('> '));
  assert.equal(lines[0], '> line 10', 'the oldest ten were left out');
  assert.equal(lines.at(-1), `> line ${count - 1}`);
  assert.doesNotMatch(long.value.markdown, /elsewhere/, 'only this conversation');
  assert.match(long.value.markdown, /^\*\*You → CMO Twin\*\* · /);

  const short = await core.api.export.markdown({ conversationId: 'direct:cso-twin' });
  assert.ok(short.ok);
  assert.deepEqual({ ...short.value, markdown: undefined }, { markdown: undefined, messages: 1, total: 1, truncated: false });
  assert.match(short.value.markdown, /> elsewhere\n$/);

  const bad = await core.api.export.markdown({ conversationId: '' });
  assert.equal(bad.ok, false);
});
