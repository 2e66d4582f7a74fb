import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoreError } from '../../src/main/core/core-error';
import { toFtsQuery } from '../../src/main/core/store/search-query';
import { openDatabase } from '../../src/main/core/store/database';
import { type SearchOptions, SearchRepository } from '../../src/main/core/store/search-repository';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchFilters } from '../../src/shared/history';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

function setup(t: { after(fn: () => void): void }) {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  logAgent(db, 'cmo-twin', 'CMO Twin', 'Chief Marketing Officer', 'Marketing');
  logAgent(db, 'cso-twin', 'CSO Twin', 'Chief Sales Officer', 'Sales');
  logMessages(db, [
    { id: 'm1', text: 'The spring campaign launched in Zürich' },
    { id: 'm2', text: 'Campaign budget: raise it by 10%', intent: 'assign_task', direction: 'out' },
    { id: 'm3', text: 'Pipeline review: the campaign brought 40 leads', agentId: 'cso-twin' },
    { id: 'm4', text: 'Café meeting about "Ship Faster" went well' },
    { id: 'm5', text: 'C++ AND (draft) NOT ready: ship faster later', agentId: 'cso-twin', intent: 'share_insights' },
    { id: 'm6', text: '日本語のキャンペーン 東京' },
    { id: 'm7', text: 'campaigning is different from campaigns', createdAt: 1_800_000_000_000 },
  ]);
  const repo = new SearchRepository(db);
  const ids = (query: string, filters: SearchFilters = {}, extra: Partial<SearchOptions> = {}) =>
    repo.search({ query, syntax: 'text', filters, limit: 50, ...extra }).hits.map((h) => h.message.id);
  return { db, repo, ids };
}

test('terms are ANDed and hits come newest first, with highlighted snippets', (t) => {
  const { repo, ids } = setup(t);
  assert.deepEqual(ids('campaign'), ['m3', 'm2', 'm1']);
  assert.deepEqual(ids('campaign leads'), ['m3']);
  const [hit] = repo.search({ query: 'zurich', syntax: 'text', filters: {}, limit: 5 }).hits;
  assert.equal(hit?.snippet, `The spring campaign launched in ${HIGHLIGHT_START}Zürich${HIGHLIGHT_END}`);
  assert.equal(hit?.agentName, 'CMO Twin');
  assert.equal(hit?.conversationTitle, 'Chat with cmo-twin');
});

test('"phrases" match words in order, and a trailing * matches a prefix', (t) => {
  const { ids } = setup(t);
  assert.deepEqual(ids('"ship faster"'), ['m5', 'm4']);
  assert.deepEqual(ids('"faster ship"'), []);
  assert.deepEqual(ids('campaign*'), ['m7', 'm3', 'm2', 'm1']);
  assert.deepEqual(ids('"ship faster" later'), ['m5']);
});

test('unicode: diacritics fold both ways, and non-Latin text is found', (t) => {
  const { ids } = setup(t);
  assert.deepEqual(ids('cafe'), ['m4']);
  assert.deepEqual(ids('CAFÉ'), ['m4']);
  assert.deepEqual(ids('zurich'), ['m1']);
  assert.deepEqual(ids('東京'), ['m6']);
});

test('FTS operators typed by the operator are searched as text and never throw', (t) => {
  const { ids } = setup(t);
  assert.deepEqual(ids('C++ AND (draft)'), ['m5']);
  assert.deepEqual(ids('NOT ready'), ['m5']);
  assert.deepEqual(ids('budget: OR'), []);
  for (const nasty of ['"', '"unclosed phrase', 'a"b', 'NEAR(', '*', 'col:umn', '^start', '-minus', '(((', "'; DROP TABLE messages; --", 'AND OR NOT']) {
    try {
      ids(nasty);
    } catch (error) {
      assert.ok(error instanceof CoreError && error.code === 'INVALID_REQUEST', `${nasty} threw ${String(error)}`);
    }
  }
  // An unclosed quote makes the rest one phrase: "unclosed ship faster" appears nowhere, "ship faster" twice.
  assert.deepEqual(ids('"unclosed ship faster'), []);
  assert.deepEqual(ids('"ship faster'), ['m5', 'm4']);
});

test('input with nothing to search for is a clear error, not an empty crash', (t) => {
  const { ids } = setup(t);
  assert.throws(() => ids('(*) ""'), (e: unknown) => e instanceof CoreError && e.code === 'INVALID_REQUEST' && /letter or digit/.test(e.message));
});

test('raw FTS syntax is available, and its mistakes are readable errors', (t) => {
  const { ids } = setup(t);
  assert.deepEqual(ids('campaign NOT budget', {}, { syntax: 'fts' }), ['m3', 'm1']);
  assert.deepEqual(ids('agent_name:cso', {}, { syntax: 'fts' }), ['m5', 'm3']);
  assert.throws(() => ids('campaign AND (', {}, { syntax: 'fts' }), (e: unknown) => e instanceof CoreError && e.code === 'INVALID_REQUEST' && /FTS5/.test(e.message));
  assert.throws(() => ids('nosuch:thing', {}, { syntax: 'fts' }), (e: unknown) => e instanceof CoreError && e.code === 'INVALID_REQUEST');
});

test('intent and agent name are searchable as well as text', (t) => {
  const { ids } = setup(t);
  assert.deepEqual(ids('share_insights'), ['m5']);
  assert.deepEqual(ids('CSO'), ['m5', 'm3']);
});

test('filters: agent, role, department, intent, conversation and date range', (t) => {
  const { ids } = setup(t);
  assert.deepEqual(ids('campaign', { agentIds: ['cso-twin'] }), ['m3']);
  assert.deepEqual(ids('campaign', { roles: ['Chief Marketing Officer'] }), ['m2', 'm1']);
  assert.deepEqual(ids('campaign', { departments: ['Sales', 'Nope'] }), ['m3']);
  assert.deepEqual(ids('campaign', { intents: ['assign_task'] }), ['m2']);
  assert.deepEqual(ids('campaign*', { conversationId: 'direct:cmo-twin' }), ['m7', 'm2', 'm1']);
  assert.deepEqual(ids('campaign*', { from: 1_700_000_001_000, to: 1_700_000_002_500 }), ['m3', 'm2']);
  // Only the console's timeline notes of alerts and decisions carry the mark; none of these messages does.
  assert.deepEqual(ids('campaign', { hasAlertOrDecision: true }), []);
});

test('keyset pages of hits cover every hit once, newest first', (t) => {
  const { db, repo } = setup(t);
  logMessages(db, Array.from({ length: 120 }, (_, i) => ({ id: `bulk${i}`, text: `needle number ${i}` })));
  const seen: string[] = [];
  let before: number | undefined;
  for (;;) {
    const page = repo.search({ query: 'needle', syntax: 'text', filters: {}, limit: 50, before });
    seen.push(...page.hits.map((h) => h.message.id));
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  assert.deepEqual(seen, Array.from({ length: 120 }, (_, i) => `bulk${119 - i}`));
});

test('the index follows edits, deletes and agent renames (triggers), and passes FTS5 integrity-check', (t) => {
  const { db, ids } = setup(t);
  db.prepare("UPDATE messages SET text = 'rewritten entirely' WHERE id = 'm1'").run();
  assert.deepEqual(ids('zurich'), []);
  assert.deepEqual(ids('rewritten'), ['m1']);
  db.prepare("DELETE FROM messages WHERE id = 'm4'").run();
  assert.deepEqual(ids('cafe'), []);
  db.prepare("UPDATE agents SET name = 'Revenue Twin' WHERE id = 'cso-twin'").run();
  assert.deepEqual(ids('CSO'), []);
  assert.deepEqual(ids('revenue'), ['m5', 'm3']);
  // A message logged before its agent's card is found by the agent's name once the card arrives.
  logMessages(db, [{ id: 'early', text: 'before hello', agentId: 'late-agent' }]);
  logAgent(db, 'late-agent', 'Latecomer');
  assert.deepEqual(ids('latecomer'), ['early']);
  assert.doesNotThrow(() => db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)"));
});

test('toFtsQuery quotes every word and keeps phrases and prefixes', () => {
  assert.equal(toFtsQuery('ship faster'), '"ship" "faster"');
  assert.equal(toFtsQuery('"ship faster" camp*'), '"ship faster" "camp"*');
  assert.equal(toFtsQuery('say "hi'), '"say" "hi"');
  assert.equal(toFtsQuery('a"b'), '"a""b"');
  assert.equal(toFtsQuery('( ) * -'), null);
});
