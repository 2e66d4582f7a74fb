import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { StatsRepository } from '../../src/main/core/store/stats-repository';
import type { HistoryStats } from '../../src/shared/history';
import { rng } from '../../bench/seed-history';
import { logAgent, logMessages, type SeedMessage } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

/** The summary computed the slow way, by scanning the log: what the kept aggregates must always equal. */
function scanned(db: Database): HistoryStats {
  const totals = db
    .prepare(
      `SELECT (SELECT count(*) FROM messages) AS total, (SELECT count(*) FROM conversations) AS conversations,
         (SELECT min(created_at) FROM messages) AS first_at, (SELECT max(created_at) FROM messages) AS last_at`,
    )
    .get() as { total: number; conversations: number; first_at: number | null; last_at: number | null };
  const responses = new Map(
    (
      db
        .prepare(
          `SELECT r.agent_id, count(*) AS replies, avg(r.created_at - q.created_at) AS avg_ms, max(r.created_at - q.created_at) AS max_ms
           FROM messages r JOIN messages q ON q.id = r.reply_to
           WHERE r.reply_to IS NOT NULL AND r.direction = 'in' AND q.direction = 'out' GROUP BY r.agent_id`,
        )
        .all() as { agent_id: string; replies: number; avg_ms: number; max_ms: number }[]
    ).map((r) => [r.agent_id, r]),
  );
  const agents = db
    .prepare(
      `SELECT m.agent_id, a.name, count(*) AS messages, sum(m.direction = 'in') AS incoming
       FROM messages m LEFT JOIN agents a ON a.id = m.agent_id GROUP BY m.agent_id ORDER BY messages DESC, m.agent_id`,
    )
    .all() as { agent_id: string; name: string | null; messages: number; incoming: number }[];
  return {
    totalMessages: totals.total,
    conversations: totals.conversations,
    firstAt: totals.first_at,
    lastAt: totals.last_at,
    agents: agents.map((row) => {
      const r = responses.get(row.agent_id);
      return {
        agentId: row.agent_id,
        name: row.name,
        messages: row.messages,
        incoming: row.incoming,
        outgoing: row.messages - row.incoming,
        replies: r?.replies ?? 0,
        avgResponseMs: r === undefined ? null : Math.round(r.avg_ms),
        maxResponseMs: r?.max_ms ?? null,
      };
    }),
    intents: db
      .prepare('SELECT intent, count(*) AS messages FROM messages GROUP BY intent ORDER BY messages DESC, intent')
      .all() as { intent: string; messages: number }[],
  };
}

test('the stats aggregates equal a scan of the log across inserts, replies, edits and deletes', (t) => {
  const db = openDatabase(tempDir());
  t.after(() => db.close());
  const stats = new StatsRepository(db);
  const random = rng(11);
  const agents = ['cmo-twin', 'cso-twin', 'seo-agent'];
  for (const id of agents) logAgent(db, id, id.toUpperCase());
  const intents = ['chat', 'get_roadmap', 'assign_task', 'request_review'];
  let n = 0;
  let at = 1_700_000_000_000;
  const outgoing: string[] = [];
  const batch = (size: number) => {
    const messages: SeedMessage[] = [];
    for (let i = 0; i < size; i++) {
      const id = `m${n++}`;
      const out = random() < 0.4;
      // Most agent messages answer a recent operator message, some name one that is not in the log.
      const replyTo = !out && outgoing.length > 0 && random() < 0.7 ? outgoing[Math.floor(random() * outgoing.length)]! : !out && random() < 0.1 ? 'missing' : null;
      at += 1 + Math.floor(random() * 5000);
      messages.push({
        id,
        text: `text ${id}`,
        agentId: agents[Math.floor(random() * agents.length)]!,
        direction: out ? 'out' : 'in',
        intent: intents[Math.floor(random() * intents.length)]! as SeedMessage['intent'],
        replyTo,
        createdAt: at,
      });
      if (out) outgoing.push(id);
    }
    logMessages(db, messages, at);
  };
  const compare = (when: string) => assert.deepEqual(stats.summary(), scanned(db), when);

  compare('an empty log');
  batch(400);
  compare('after inserts');
  // Deletes of replies, of operator messages that replies name, and of plain messages.
  const ids = (db.prepare('SELECT id FROM messages ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
  for (let i = 0; i < 60; i++) db.prepare('DELETE FROM messages WHERE id = ?').run(ids[Math.floor(random() * ids.length)]);
  compare('after deletes');
  db.prepare("UPDATE messages SET intent = 'share_insights' WHERE rowid % 7 = 0").run();
  db.prepare("UPDATE messages SET agent_id = 'seo-agent' WHERE rowid % 11 = 0").run();
  compare('after edits of intent and agent');
  batch(200);
  compare('after more inserts');
  // Messages deleted or edited while they still wait in the backlog (never counted yet), then the backlog caught up.
  batch(150);
  const waiting = (db.prepare('SELECT m.id FROM messages m JOIN search_backlog b ON b.rowid = m.rowid').all() as { id: string }[]).map((r) => r.id);
  assert.ok(waiting.length >= 150, 'the new messages wait in the backlog');
  for (const id of waiting.filter((_, i) => i % 4 === 0)) db.prepare('DELETE FROM messages WHERE id = ?').run(id);
  db.prepare("UPDATE messages SET intent = 'chat', agent_id = 'cmo-twin' WHERE id = ?").run(waiting[1]);
  compare('after deleting and editing backlogged messages');
  db.prepare('DELETE FROM messages').run();
  compare('after deleting everything');
});
