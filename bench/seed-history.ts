/**
 * The history generator: a log of `messages` messages over `conversations` conversations and `agents` agents, built
 * through the real migrations, so benchmarks read exactly the schema the app does.
 *
 * Seeding is prepared inserts in 500k-row transactions. The FTS index is filled one of two ways, both measured by
 * ingest_fts: by the per-row triggers the app uses, or (the default here, a bulk load) with the backlog trigger, the
 * secondary indexes on messages and foreign-key checks off during the load, then each index built once, the search
 * index with one FTS5 'rebuild', the stats aggregates in one pass, and the triggers restored: 10M messages in about
 * 11 minutes on this loaded machine instead of hours. test/bench-smoke/seed-history.test.ts checks the result is a
 * log the app could have written.
 *
 * Conversation 0 (`direct:agent-000`) holds 10% of all messages (11% in the skewed 10M log): at 1M, the
 * 100,000-message conversation that open_conversation and scroll_fps read. Text is drawn from a fixed vocabulary with
 * a Zipf-like skew (so common terms have hundreds of thousands of hits) by a seeded generator, so every run searches
 * the same log.
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
  /**
   * 'uniform' (the 1M log of `npm run bench`): conversation 0 holds 10%, the others share the rest evenly, text from
   * the 100-word vocabulary. 'skewed' (the 10M log): conversation 0 holds 11% (over 1M messages at 10M), the others a
   * Zipf-like share (a few hold tens of thousands, most a few hundred), and text also draws from a long tail of
   * 5,000 rarer words, so a term search finds anything from a handful of hits to millions.
   */
  shape?: 'uniform' | 'skewed';
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
const SYLLABLES = 'ka lo mi ren tu sa vel dor pin qua bri sto nex fal gor hal jun tek zor wim'.split(' ');

/** The long tail of the skewed log: 5,000 made-up words of 2 to 4 syllables, the same in every run. */
const TAIL_WORDS = ((): string[] => {
  const random = rng(7);
  const words = new Set<string>();
  while (words.size < 5000) {
    const n = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    words.add(word);
  }
  return [...words];
})();

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

export function sentence(random: () => number, tail = false): string {
  const length = 8 + Math.floor(random() * 18);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    // Squaring skews toward the start of the list: a few words are very common, most are rare.
    const r = random();
    if (r < 0.45) words.push(FILLER[Math.floor(random() * FILLER.length)]!);
    else if (tail && r < 0.6) words.push(TAIL_WORDS[Math.floor(random() ** 3 * TAIL_WORDS.length)]!);
    else words.push(WORDS[Math.floor(random() ** 2 * WORDS.length)]!);
  }
  if (random() < 0.002) words.push('zürich', 'offsite');
  return words.join(' ');
}

export function agentId(i: number): string {
  return `agent-${String(i).padStart(3, '0')}`;
}

/** Zero-padded, so ids sort in insert order and the UNIQUE index on messages.id is appended to, not split. */
function messageId(i: number): string {
  return `msg-${String(i).padStart(9, '0')}`;
}

/**
 * The secondary indexes on messages, dropped for the bulk load and built once after it (a sorted build is several
 * times faster than keeping them up to date row by row, in random key order). Returns the function that rebuilds them.
 */
function suspendMessageIndexes(db: Database): () => void {
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const row of rows) db.exec(`DROP INDEX ${row.name}`);
  return () => {
    for (const row of rows) db.exec(row.sql);
  };
}

export function seedHistory(dataDir: string, options: SeedOptions, progress: (message: string) => void = () => {}): SeededHistory {
  const started = performance.now();
  const skewed = options.shape === 'skewed';
  const db = openDatabase(dataDir);
  // A bulk load into a scratch file: no fsync per chunk, and a page cache big enough for the indexes (10M rows).
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000');
  // Every row points at a conversation seeded first; checking that per insert only costs time.
  db.pragma('foreign_keys = OFF');
  const random = rng(42);
  const restoreTrigger = options.fts === 'triggers' ? null : suspendFtsInsertTrigger(db);
  const restoreIndexes = options.fts === 'triggers' ? null : suspendMessageIndexes(db);
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
  const bigShare = skewed ? 0.11 : 0.1;
  const pickOther = skewed
    ? () => 1 + Math.floor(random() ** 3 * (options.conversations - 1))
    : () => 1 + Math.floor(random() * (options.conversations - 1));
  let big = 0;
  db.transaction(() => {
    for (let i = 0; i < options.agents; i++) {
      insertAgent.run(agentId(i), `Twin ${i}`, `Role ${i % 20}`, departments[i % departments.length]!);
    }
    conversationIds.forEach((id, i) => insertConversation.run(id, agentId(i % options.agents), `Conversation ${i}`, start, start));
  })();
  let lastOut: string | null = null;
  // Commits every chunk: one 10M-row transaction would hold its whole WAL (gigabytes) until the end.
  const insertChunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const c = random() < bigShare ? 0 : pickOther();
      if (c === 0) big++;
      const agent = agentId(c % options.agents);
      const out = random() < 0.4;
      const id = messageId(i);
      const at = start + i * step;
      insertMessage.run(
        id,
        conversationIds[c]!,
        agent,
        out ? 'out' : 'in',
        out ? 'operator' : agent,
        out ? agent : 'operator',
        random() < 0.7 ? 'chat' : INTENTS[Math.floor(random() * INTENTS.length)]!,
        sentence(random, skewed),
        out ? null : lastOut,
        out ? 'delivered' : 'received',
        at,
        at,
      );
      lastOut = out ? id : null;
    }
  });
  let phase = performance.now();
  for (let from = 0; from < options.messages; from += SEED_CHUNK) {
    insertChunk(from, Math.min(options.messages, from + SEED_CHUNK));
    db.pragma('wal_checkpoint(TRUNCATE)');
    progress(`inserted ${Math.min(options.messages, from + SEED_CHUNK)} messages, ${Math.round(performance.now() - started)} ms`);
  }
  const timings: string[] = [`rows ${Math.round(performance.now() - phase)} ms`];
  phase = performance.now();
  if (restoreIndexes) {
    restoreIndexes();
    db.pragma('wal_checkpoint(TRUNCATE)');
    timings.push(`indexes ${Math.round(performance.now() - phase)} ms`);
    progress(`indexes built, ${Math.round(performance.now() - started)} ms`);
    phase = performance.now();
  }
  if (options.fts === 'rebuild') {
    rebuildFts(db);
    timings.push(`search index ${Math.round(performance.now() - phase)} ms`);
    progress(`search index built, ${Math.round(performance.now() - started)} ms`);
    phase = performance.now();
    fillAggregates(db);
    timings.push(`aggregates ${Math.round(performance.now() - phase)} ms`);
    restoreTrigger?.();
  } else if (options.fts === 'triggers') {
    // Row by row, as the live console does it: each insert queued by the trigger, then indexed in batches.
    new SearchIndexer(db).catchUp();
  }
  // With fts 'none' the trigger stays dropped: the log is for measuring ingest without FTS only.
  db.pragma('foreign_keys = ON');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  markCleanClose(path.join(dataDir, DATABASE_FILE_NAME), Date.now());
  progress(`seeded: ${timings.join(', ')}`);
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

/**
 * One pass over the log into the search index. FTS5 flushes its in-memory term table to a new segment every
 * `hashsize` bytes (1 MB by default) and merges those segments as it goes; 256 MB makes the segments few and large,
 * so the merging does not dominate. The default is set back after (the config table itself cannot be edited), so the
 * app runs with its usual memory.
 */
const FTS_DEFAULT_HASHSIZE = 1024 * 1024;
export function rebuildFts(db: Database): void {
  db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', 268435456)");
  db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
  db.exec(`INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', ${FTS_DEFAULT_HASHSIZE})`);
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

const SEED_CHUNK = 500_000;
/** Bump when the generator changes what it writes, so cached logs are rebuilt. */
const SEED_FORMAT = 3;
/** Git-ignored; a 10M log is several GB, kept across runs. */
export const BENCH_CACHE_DIR = path.resolve(__dirname, '..', '.bench-cache');

const cache = new Map<string, SeededHistory>();

/** The seed parameters of each full-size log: the 1M log of `npm run bench`, the 10M log of `npm run bench:scale`. */
export function fullSizeOptions(messages: number): SeedOptions {
  return messages >= 10_000_000
    ? { messages, conversations: 10_000, agents: 2000, fts: 'rebuild', shape: 'skewed' }
    : { messages, conversations: 1000, agents: 200, fts: 'rebuild', shape: 'uniform' };
}

/**
 * The seeded log for this run, built once and shared by every history benchmark. A full-size log (1M messages takes
 * minutes to build, 10M most of an hour on this machine) is kept across runs under .bench-cache/, keyed by its seed
 * parameters and the schema version, so `npm run bench` and `npm run bench:scale` seed it once; set
 * TWIN_BENCH_RESEED=1 to build it again. Benchmarks only read it. A smoke-size log is removed when the process exits.
 * A smoke run of the 10M shape (`messages` ≥ 10M) seeds the skewed generator at a tiny size.
 */
export function seededHistory(smoke: boolean, messages = 1_000_000, progress?: (message: string) => void): SeededHistory {
  const full = fullSizeOptions(messages);
  const options: SeedOptions = smoke ? { messages: 3000, conversations: 20, agents: 10, fts: 'rebuild', shape: full.shape } : full;
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
  fs.mkdirSync(BENCH_CACHE_DIR, { recursive: true });
  const dataDir = path.join(BENCH_CACHE_DIR, `seed-${options.messages}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
  const meta = path.join(dataDir, 'seed.json');
  if (process.env.TWIN_BENCH_RESEED === '1') fs.rmSync(dataDir, { recursive: true, force: true });
  if (fs.existsSync(meta)) {
    const seeded = JSON.parse(fs.readFileSync(meta, 'utf8')) as SeededHistory;
    cache.set(key, seeded);
    return seeded;
  }
  // Built aside and renamed into place, so an interrupted seed is never taken for a finished one.
  const building = fs.mkdtempSync(path.join(BENCH_CACHE_DIR, 'seeding-'));
  try {
    const built = seedHistory(building, options, progress);
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
