import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../src/main/core/store/database';
import { MessageWindowRepository } from '../../src/main/core/store/message-window-repository';
import { SearchRepository } from '../../src/main/core/store/search-repository';
import { logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

const N = 20_000;

test('a search hit deep in a long conversation opens with context before and after, and pages both ways from there', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  // Two conversations interleaved, so rowids of one conversation are not contiguous.
  logMessages(
    db,
    Array.from({ length: N }, (_, i) => ({
      id: `m${i}`,
      agentId: i % 2 === 0 ? 'cmo-twin' : 'cso-twin',
      text: i === 1234 ? 'the quarterly forecast nobody remembers' : `routine update ${i}`,
    })),
  );
  const [hit] = new SearchRepository(db).search({ query: 'forecast', syntax: 'text', filters: {}, limit: 50 }).hits;
  assert.equal(hit?.message.id, 'm1234');

  const windows = new MessageWindowRepository(db);
  const around = windows.around('m1234', 30, 20)!;
  const ids = around.messages.map((m) => m.id);
  assert.equal(around.conversation?.id, 'direct:cmo-twin');
  assert.equal(ids.length, 51);
  assert.equal(ids[30], 'm1234', 'the hit sits after its 30 older neighbours');
  assert.equal(ids[0], `m${1234 - 60}`);
  assert.equal(ids.at(-1), `m${1234 + 40}`);
  assert.ok(around.hasOlder && around.hasNewer);

  // Walk newer from the window to the end, then older to the start: every message of the conversation, once, in order.
  const seen = [...ids];
  let newest = around;
  while (newest.hasNewer) {
    newest = windows.range('direct:cmo-twin', 500, { afterId: newest.messages.at(-1)!.id })!;
    seen.push(...newest.messages.map((m) => m.id));
  }
  let oldest = around;
  while (oldest.hasOlder) {
    oldest = windows.range('direct:cmo-twin', 500, { beforeId: oldest.messages[0]!.id })!;
    seen.unshift(...oldest.messages.map((m) => m.id));
  }
  assert.deepEqual(seen, Array.from({ length: N / 2 }, (_, i) => `m${i * 2}`));
});

test('the newest page, edges of a conversation, and cursors from another conversation', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  logMessages(db, Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, text: `#${i}` })));
  logMessages(db, [{ id: 'other', text: 'x', agentId: 'cso-twin' }]);
  const windows = new MessageWindowRepository(db);
  const newest = windows.range('direct:cmo-twin', 3, {})!;
  assert.deepEqual(newest.messages.map((m) => m.id), ['m2', 'm3', 'm4']);
  assert.equal(newest.hasOlder, true);
  assert.equal(newest.hasNewer, false);
  const first = windows.around('m0', 10, 1)!;
  assert.deepEqual(first.messages.map((m) => m.id), ['m0', 'm1']);
  assert.equal(first.hasOlder, false);
  assert.equal(first.hasNewer, true);
  assert.equal(windows.range('direct:cmo-twin', 3, { beforeId: 'other' }), undefined);
  assert.equal(windows.around('missing', 1, 1), undefined);
});
