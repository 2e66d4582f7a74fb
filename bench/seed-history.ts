/**
 * The history generator: a log of `messages` messages over `conversations` conversations and `agents` agents, built
 * through the real migrations, so benchmarks read exactly the schema the app does.
 *
 * Seeding is one transaction with prepared statements. The FTS index is filled one of two ways, both measured by
 * ingest_fts: by the per-row triggers the app uses, or (the default here, faster for a bulk load) with the insert
 * trigger dropped during the load and the index built once with FTS5's 'rebuild', then the trigger restored.
 *
 * Conversation 0 (`direct:agent-000`) holds 10% of all messages: at 1M, the 100,000-message conversation that
 * open_conversation and scroll_fps read. Text is drawn from a fixed vocabulary with a Zipf-like skew (so common
 * terms have hundreds of thousands of hits) by a seeded generator, so every run searches the same log.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markCleanClose } from '../src/main/core/store/clean-close-marker';
import { type Database, DATABASE_FILE_NAME, openDatabase } from '../src/main/core/store/database';
import { LATEST_SCHEMA_VERSION } from '../src/main/core/store/migrations';
import { SearchIndexer } from '../src/main/core/store/search-indexer';
import { INTENTS } from '../src/shared/protocol';

export interface SeedOptions {
  messages: number;
  conversations: number;
  agents: number;
  /** How the FTS index is filled: per-row triggers, one rebuild after the load, or not at all. */
  fts: 'triggers' | 'rebuild' | 'none';
}

export interface SeededHistory {
  dataDir: string;
  file: string;
  options: SeedOptions;
  seedMs: number;
  bigConversationId: string;
  bigConversationSize: number;
}

const WORDS = (
  'campaign pipeline forecast budget launch review roadmap quarter revenue churn pricing funnel onboarding ' +
  'retention keyword ranking backlink audit content brief partner deal renewal margin hiring pilot rollout ' +
  'experiment cohort signal insight risk blocker milestone sprint release feedback survey persona segment ' +
  'market share growth target weekly monthly update summary report meeting customer account region europe ' +
  'asia america team product design support security compliance legal finance operations strategy board'
).split(' ');
const FILLER = 'the a of to and in for on with is was we our this that it by from at as be will are'.split(' ');

/** mulberry32: a tiny seeded generator, so every run seeds the same log. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 18);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    // Squaring skews toward the start of the list: a few words are very common, most are rare.
    words.push(random() < 0.45 ? FILLER[Math.floor(random() * FILLER.length)]! : WORDS[Math.floor(random() ** 2 * WORDS.length)]!);
  }
  if (random() < 0.002) words.push('zürich', 'offsite');
  return words.join(' ');
}

export function agentId(i: number): string {
  return `agent-${String(i).padStart(3, '0')}`;
}

export function seedHistory(dataDir: string, options: SeedOptions): SeededHistory {
  const started = performance.now();
  const db = openDatabase(dataDir);
  // A bulk load into a scratch file: no fsync per chunk, and a page cache big enough for the indexes (10M rows).
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000');
  const random = rng(42);
  const restoreTrigger = options.fts === 'triggers' ? null : suspendFtsInsertTrigger(db);
  const departments = ['Marketing', 'Sales', 'SEO', 'Product', 'Finance', 'Operations'];
  const conversationIds = Array.from({ length: options.conversations }, (_, i) =>
    i < options.agents ? `direct:${agentId(i)}` : `thread-${i}`,
  );
  const insertAgent = db.prepare(
    `INSERT INTO agents (id, name, role, department, capabilities, intents, first_seen_at) VALUES (?, ?, ?, ?, '[]', '["chat"]', 0)`,
  );
  const insertConversation = db.prepare('INSERT INTO conversations VALUES (?, ?, ?, ?, ?)');
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, conversation_id, agent_id, direction, sender, recipient, intent, text, priority, reply_to, status, created_at, logged_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'normal', ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2025, 0, 1);
  const step = Math.max(1, Math.floor((365 * 86_400_000) / options.messages));
  let big = 0;
  db.transaction(() => {
    for (let i = 0; i < options.agents; i++) {
      insertAgent.run(agentId(i), `Twin ${i}`, `Role ${i % 20}`, departments[i % departments.length]!);
    }
    conversationIds.forEach((id, i) => insertConversation.run(id, agentId(i % options.agents), `Conversation ${i}`, start, start));
  })();
  let lastOut: string | null = null;
  // Commits every 200k rows: one 10M-row transaction would hold its whole WAL (gigabytes) until the end.
  const insertChunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const c = random() < 0.1 ? 0 : 1 + Math.floor(random() * (options.conversations - 1));
      if (c === 0) big++;
      const agent = agentId(c % options.agents);
      const out = random() < 0.4;
      const id = `msg-${i}`;
      const at = start + i * step;
      insertMessage.run(
        id,
        conversationIds[c]!,
        agent,
        out ? 'out' : 'in',
        out ? 'operator' : agent,
        out ? agent : 'operator',
        random() < 0.7 ? 'chat' : INTENTS[Math.floor(random() * INTENTS.length)]!,
        sentence(random),
        out ? null : lastOut,
        out ? 'delivered' : 'received',
        at,
        at,
      );
      lastOut = out ? id : null;
    }
  });
  for (let from = 0; from < options.messages; from += SEED_CHUNK) {
    insertChunk(from, Math.min(options.messages, from + SEED_CHUNK));
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  if (options.fts === 'rebuild') {
    rebuildFts(db);
    fillAggregates(db);
    restoreTrigger?.();
  } else if (options.fts === 'triggers') {
    // Row by row, as the live console does it: each insert queued by the trigger, then indexed in batches.
    new SearchIndexer(db).catchUp();
  }
  // With fts 'none' the trigger stays dropped: the log is for measuring ingest without FTS only.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  markCleanClose(path.join(dataDir, DATABASE_FILE_NAME), Date.now());
  return {
    dataDir,
    file: path.join(dataDir, DATABASE_FILE_NAME),
    options,
    seedMs: performance.now() - started,
    bigConversationId: conversationIds[0]!,
    bigConversationSize: big,
  };
}

/**
 * Drops the insert trigger that queues new messages for the search index, for a bulk load; the returned function
 * restores it (the caller rebuilds the index in one go).
 */
export function suspendFtsInsertTrigger(db: Database): () => void {
  const name = 'messages_search_backlog_after_insert';
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as
    | { sql: string }
    | undefined;
  if (!row) throw new Error(`no ${name} trigger: are the search migrations (004, 006) applied?`);
  db.exec(`DROP TRIGGER ${name}`);
  return () => {
    db.exec(row.sql);
  };
}

export function rebuildFts(db: Database): void {
  db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
}

/** The stats aggregates of a bulk-loaded log, in one pass (as migration 008 fills them), since no row was backlogged. */
function fillAggregates(db: Database): void {
  db.exec(`
    DELETE FROM message_counts;
    INSERT INTO message_counts SELECT agent_id, intent, direction, count(*) FROM messages GROUP BY agent_id, intent, direction;
    DELETE FROM reply_times;
    INSERT INTO reply_times
      SELECT r.agent_id, count(*), sum(r.created_at - q.created_at), max(r.created_at - q.created_at)
      FROM messages r JOIN messages q ON q.id = r.reply_to
      WHERE r.reply_to IS NOT NULL AND r.direction = 'in' AND q.direction = 'out'
      GROUP BY r.agent_id;
  `);
}

/**
 * A log of `factor` times the 1M log's messages, built in SQL from it: copy k of every message gets its id and reply
 * link suffixed with k and its times shifted by k times the source's span, so rowid order stays time order. Same
 * vocabulary, skew and conversations (the biggest one holds 10% of the log) as a generated log of that size; the JS
 * generator makes 7k rows/s here, which is over 20 minutes for 10M on a quiet machine, and SQL copies in a few.
 * The search index is built with one rebuild at the end, as seedHistory does.
 */
export function replicateHistory(source: SeededHistory, dataDir: string, factor: number): SeededHistory {
  const started = performance.now();
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const src = openDatabase(source.dataDir);
  src.prepare('VACUUM INTO ?').run(file);
  src.close();
  markCleanClose(source.file, Date.now());
  const db = openDatabase(dataDir);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000');
  const restoreTrigger = suspendFtsInsertTrigger(db);
  const { n, first, last } = db.prepare('SELECT max(rowid) AS n, min(created_at) AS first, max(created_at) AS last FROM messages').get() as {
    n: number;
    first: number;
    last: number;
  };
  const span = last - first + 1;
  const copy = db.prepare(
    `INSERT INTO messages (id, conversation_id, agent_id, direction, sender, recipient, intent, text, data, priority, seq,
       reply_to, status, created_at, logged_at)
     SELECT id || '-' || @k, conversation_id, agent_id, direction, sender, recipient, intent, text, data, priority, seq,
       CASE WHEN reply_to IS NULL THEN NULL ELSE reply_to || '-' || @k END, status, created_at + @k * @span, logged_at + @k * @span
     FROM messages WHERE rowid > @from AND rowid <= @to ORDER BY rowid`,
  );
  for (let k = 1; k < factor; k++) {
    for (let from = 0; from < n; from += SEED_CHUNK) {
      db.transaction(() => copy.run({ k, span, from, to: Math.min(n, from + SEED_CHUNK) }))();
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
  rebuildFts(db);
  // Every copy repeats the source's counts and reply delays exactly.
  db.prepare('UPDATE message_counts SET messages = messages * ?').run(factor);
  db.prepare('UPDATE reply_times SET replies = replies * ?, total_ms = total_ms * ?').run(factor, factor);
  restoreTrigger();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  markCleanClose(file, Date.now());
  return {
    dataDir,
    file,
    options: { ...source.options, messages: source.options.messages * factor },
    seedMs: performance.now() - started,
    bigConversationId: source.bigConversationId,
    bigConversationSize: source.bigConversationSize * factor,
  };
}

const SEED_CHUNK = 200_000;
/** Bump when the generator changes what it writes, so cached logs are rebuilt. */
const SEED_FORMAT = 2;

const cache = new Map<string, SeededHistory>();

/**
 * The seeded log for this run, built once and shared by every history benchmark. A full-size log (1M messages takes
 * minutes to build, 10M most of an hour on this machine) is kept across runs under the temp dir, keyed by its seed
 * parameters and the schema version, so `npm run bench` and `npm run bench:scale` seed it once; set
 * TWIN_BENCH_RESEED=1 to build it again. Benchmarks only read it. A smoke-size log is removed when the process exits.
 */
export function seededHistory(smoke: boolean, messages = 1_000_000): SeededHistory {
  const options: SeedOptions = smoke
    ? { messages: 3000, conversations: 20, agents: 10, fts: 'rebuild' }
    : { messages, conversations: 1000, agents: 200, fts: 'rebuild' };
  const key = JSON.stringify({ ...options, schema: LATEST_SCHEMA_VERSION, format: SEED_FORMAT });
  const cached = cache.get(key);
  if (cached) return cached;
  if (smoke) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-bench-history-'));
    process.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const seeded = seedHistory(dataDir, options);
    cache.set(key, seeded);
    return seeded;
  }
  const dataDir = path.join(os.tmpdir(), `twin-bench-seed-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
  const meta = path.join(dataDir, 'seed.json');
  if (process.env.TWIN_BENCH_RESEED === '1') fs.rmSync(dataDir, { recursive: true, force: true });
  if (fs.existsSync(meta)) {
    const seeded = JSON.parse(fs.readFileSync(meta, 'utf8')) as SeededHistory;
    cache.set(key, seeded);
    return seeded;
  }
  // Built aside and renamed into place, so an interrupted seed is never taken for a finished one.
  const building = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-bench-seeding-'));
  try {
    const unit = 1_000_000;
    const built =
      messages > unit && messages % unit === 0
        ? replicateHistory(seededHistory(false, unit), building, messages / unit)
        : seedHistory(building, options);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.renameSync(building, dataDir);
    const seeded: SeededHistory = { ...built, dataDir, file: path.join(dataDir, DATABASE_FILE_NAME) };
    fs.writeFileSync(meta, JSON.stringify(seeded));
    cache.set(key, seeded);
    return seeded;
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    throw error;
  }
}
