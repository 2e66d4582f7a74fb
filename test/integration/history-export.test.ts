import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { openDatabase } from '../../src/main/core/store/database';
import { CSV_COLUMNS } from '../../src/main/core/history/export-formats';
import type { ExportProgress } from '../../src/shared/history';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';
import { nextEvent } from '../support/wait-for';

const TRICKY = 'Line one, "quoted"\nline two; comma, tab\t and ünïcödé 🚀';

function seededCore(count: number) {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  logAgent(db, 'cmo-twin', 'CMO Twin');
  logAgent(db, 'cso-twin', 'CSO Twin', 'Sales', 'Sales');
  const logged = logMessages(db, [
    { id: 'tricky', text: TRICKY, data: { chart: [1, 2, 3] } },
    ...Array.from({ length: count }, (_, i) => ({ id: `m${i}`, text: `message ${i}`, agentId: i % 3 === 0 ? 'cso-twin' : 'cmo-twin' })),
  ]);
  db.close();
  const core = createCore({ dataDir, logger: silentLogger });
  return { core, logged };
}

/** RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

async function exportAll(core: ReturnType<typeof createCore>, request: Parameters<typeof core.api.export.start>[0]) {
  const started = await core.api.export.start(request);
  assert.ok(started.ok, JSON.stringify(started));
  const progress: ExportProgress[] = [];
  const off = core.on('export:progressed', (p) => p.exportId === started.value.exportId && progress.push(p));
  const final = await nextEvent(core, 'export:progressed', (p) => p.exportId === started.value.exportId && p.state !== 'running');
  off();
  return { final, progress };
}

test('JSON export round trip: every message comes back exactly, with progress up to the total', async (t) => {
  const { core, logged } = seededCore(5000);
  t.after(() => core.close());
  const { final, progress } = await exportAll(core, { format: 'json' });
  assert.equal(final.state, 'finished');
  assert.equal(final.total, 5001);
  assert.equal(final.done, 5001);
  assert.ok(progress.filter((p) => p.state === 'running').length >= 3, 'progress is reported while it runs');
  const parsed = JSON.parse(fs.readFileSync(final.file!, 'utf8')) as Record<string, unknown>[];
  assert.deepEqual(
    parsed.map(({ agentName: _a, conversationTitle: _c, ...message }) => message),
    logged,
  );
  assert.equal(parsed[0]?.agentName, 'CMO Twin');
});

test('CSV and Markdown exports by agent and by date range hold exactly the scoped messages, escaped', async (t) => {
  const { core, logged } = seededCore(30);
  t.after(() => core.close());
  const csv = await exportAll(core, { format: 'csv', scope: { agentId: 'cmo-twin' } });
  const rows = parseCsv(fs.readFileSync(csv.final.file!, 'utf8'));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  const expected = logged.filter((m) => m.agentId === 'cmo-twin');
  assert.deepEqual(rows.slice(1).map((r) => r[0]), expected.map((m) => m.id));
  assert.equal(rows[1]?.[CSV_COLUMNS.indexOf('text')], TRICKY);
  assert.deepEqual(JSON.parse(rows[1]![CSV_COLUMNS.indexOf('data')]!), { chart: [1, 2, 3] });

  const from = logged[10]!.createdAt;
  const to = logged[20]!.createdAt;
  const md = await exportAll(core, { format: 'markdown', scope: { from, to } });
  const text = fs.readFileSync(md.final.file!, 'utf8');
  assert.equal(md.final.total, 10);
  assert.equal((text.match(/^\*\*/gm) ?? []).length, 10);
  assert.ok(text.includes('> message 9\n') && !text.includes('> message 19\n') && !text.includes('> message 8\n'));
});

test('a cancelled export stops, reports cancelled, and leaves no file behind', async (t) => {
  const { core } = seededCore(20_000);
  t.after(() => core.close());
  const started = await core.api.export.start({ format: 'csv' });
  assert.ok(started.ok);
  await nextEvent(core, 'export:progressed', (p) => p.done > 0);
  const cancelled = nextEvent(core, 'export:progressed', (p) => p.state !== 'running');
  assert.ok((await core.api.export.cancel({ exportId: started.value.exportId })).ok);
  const final = await cancelled;
  assert.equal(final.state, 'cancelled');
  assert.ok(final.done < final.total);
  const leftovers = fs.readdirSync(`${core.dataDir}/exports`);
  assert.deepEqual(leftovers, []);
  const unknown = await core.api.export.cancel({ exportId: 'nope' });
  assert.equal(!unknown.ok && unknown.error.code, 'NOT_FOUND');
});

test('stats: counts per agent and intent, and response times from replies', async (t) => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  logAgent(db, 'cmo-twin', 'CMO Twin');
  const base = 1_700_000_000_000;
  logMessages(db, [
    { id: 'q1', text: 'status?', direction: 'out', createdAt: base },
    { id: 'a1', text: 'fine', replyTo: 'q1', createdAt: base + 2000 },
    { id: 'q2', text: 'roadmap?', direction: 'out', intent: 'get_roadmap', createdAt: base + 5000 },
    { id: 'a2', text: 'here', replyTo: 'q2', intent: 'get_roadmap', createdAt: base + 9000 },
  ]);
  db.close();
  const core = createCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());
  const stats = await core.api.stats.summary();
  assert.ok(stats.ok);
  assert.equal(stats.value.totalMessages, 4);
  assert.deepEqual(stats.value.agents, [
    { agentId: 'cmo-twin', name: 'CMO Twin', messages: 4, incoming: 2, outgoing: 2, replies: 2, avgResponseMs: 3000, maxResponseMs: 4000 },
  ]);
  assert.deepEqual(stats.value.intents, [
    { intent: 'chat', messages: 2 },
    { intent: 'get_roadmap', messages: 2 },
  ]);
});
