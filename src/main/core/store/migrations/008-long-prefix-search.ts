import type { Migration } from './migration';

/**
 * Prefix indexes for 5 to 8 characters. A prefix query FTS5 has no prefix index for (`campai*`) first merges the
 * complete doclist of every term it matches, so a common word costs the same as reading all its hits: 62 ms p95 at
 * 1M messages, measured. With an index of that exact length it reads like a single term and stops after the newest
 * 50: 1.0 ms. Measured on the same 1M log, the alternatives:
 *  - prefix = '2 3 4 5 6 7 8': the FTS index grows from 214 to 287 MB (+73 MB, about 75 bytes a message);
 *  - a trigram table for prefixes of 5+: +265 MB, 21 ms p95, and it matches inside words, so every hit would need
 *    checking against the word index.
 * Prefixes longer than 8 characters still merge, but few words are that long and share them.
 *
 * The index is rebuilt from the log (one pass; minutes on a 10M log, once, after the pre-migration backup). The
 * rebuild reads every message, backlogged ones too, so the backlog is emptied with it: they are indexed now.
 */
/**
 * Also: the stats summary from aggregates, not from scans of the log (counting 10M rows and pairing every reply with
 * its request took seconds). `message_counts` holds messages per agent, intent and direction; `reply_times` the
 * replies per agent that name an operator message, with their summed and longest delay. Both are filled once from
 * the log here. New messages reach them the way they reach the search index, off the ack path: the indexer adds each
 * batch it takes from `search_backlog` (store/search-indexer.ts), so the aggregates always count exactly the
 * messages not in the backlog, and the stats catch the backlog up first, as search does. (Per-row triggers cost
 * 20 µs of CPU per insert, measured: most of what an insert costs.) Deletes and edits, which the console does not
 * do, are kept by the triggers below for rows already counted; a deleted reply recomputes its agent's longest delay.
 */
export const migration008LongPrefixSearch: Migration = {
  version: 8,
  name: 'long-prefix-search-and-aggregates',
  up: `
    DROP TABLE messages_fts;
    CREATE VIRTUAL TABLE messages_fts USING fts5(
      text, intent, agent_name,
      content = 'message_search_source', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3 4 5 6 7 8'
    );
    INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    DELETE FROM search_backlog;

    CREATE TABLE message_counts (
      agent_id TEXT NOT NULL,
      intent TEXT NOT NULL,
      direction TEXT NOT NULL,
      messages INTEGER NOT NULL,
      PRIMARY KEY (agent_id, intent, direction)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO message_counts SELECT agent_id, intent, direction, count(*) FROM messages GROUP BY agent_id, intent, direction;

    CREATE TABLE reply_times (
      agent_id TEXT PRIMARY KEY,
      replies INTEGER NOT NULL,
      total_ms INTEGER NOT NULL,
      max_ms INTEGER
    ) STRICT, WITHOUT ROWID;
    INSERT INTO reply_times
      SELECT r.agent_id, count(*), sum(r.created_at - q.created_at), max(r.created_at - q.created_at)
      FROM messages r JOIN messages q ON q.id = r.reply_to
      WHERE r.reply_to IS NOT NULL AND r.direction = 'in' AND q.direction = 'out'
      GROUP BY r.agent_id;

    -- BEFORE: the FTS delete trigger (AFTER) takes the row out of search_backlog, and this one must see whether it
    -- was still waiting there (then it was never counted).
    CREATE TRIGGER message_aggregates_before_delete BEFORE DELETE ON messages
      WHEN NOT EXISTS (SELECT 1 FROM search_backlog WHERE rowid = old.rowid) BEGIN
      UPDATE message_counts SET messages = messages - 1
        WHERE agent_id = old.agent_id AND intent = old.intent AND direction = old.direction;
      DELETE FROM message_counts WHERE agent_id = old.agent_id AND intent = old.intent AND direction = old.direction AND messages <= 0;
      UPDATE reply_times SET replies = replies - 1,
          total_ms = total_ms - (SELECT old.created_at - q.created_at FROM messages q WHERE q.id = old.reply_to)
        WHERE agent_id = old.agent_id AND old.reply_to IS NOT NULL AND old.direction = 'in'
          AND EXISTS (SELECT 1 FROM messages q WHERE q.id = old.reply_to AND q.direction = 'out');
      -- A deleted operator message takes the counted replies that named it out of the stats too.
      UPDATE reply_times SET
          replies = replies - (SELECT count(*) FROM messages r WHERE r.reply_to = old.id AND r.direction = 'in'
            AND r.agent_id = reply_times.agent_id AND r.rowid NOT IN (SELECT rowid FROM search_backlog)),
          total_ms = total_ms - (SELECT coalesce(sum(r.created_at - old.created_at), 0) FROM messages r
            WHERE r.reply_to = old.id AND r.direction = 'in' AND r.agent_id = reply_times.agent_id
              AND r.rowid NOT IN (SELECT rowid FROM search_backlog))
        WHERE old.direction = 'out'
          AND agent_id IN (SELECT r.agent_id FROM messages r WHERE r.reply_to = old.id AND r.direction = 'in');
      UPDATE reply_times SET max_ms = (
          SELECT max(r.created_at - q.created_at) FROM messages r JOIN messages q ON q.id = r.reply_to
          WHERE r.agent_id = reply_times.agent_id AND r.reply_to IS NOT NULL AND r.direction = 'in' AND q.direction = 'out'
            AND r.rowid != old.rowid AND q.rowid != old.rowid AND r.rowid NOT IN (SELECT rowid FROM search_backlog))
        WHERE agent_id = old.agent_id AND old.reply_to IS NOT NULL AND old.direction = 'in'
          OR old.direction = 'out' AND agent_id IN (SELECT r.agent_id FROM messages r WHERE r.reply_to = old.id AND r.direction = 'in');
      DELETE FROM reply_times WHERE replies <= 0;
    END;

    CREATE TRIGGER message_counts_after_update AFTER UPDATE OF agent_id, intent, direction ON messages
      WHEN NOT EXISTS (SELECT 1 FROM search_backlog WHERE rowid = old.rowid) BEGIN
      UPDATE message_counts SET messages = messages - 1
        WHERE agent_id = old.agent_id AND intent = old.intent AND direction = old.direction;
      DELETE FROM message_counts WHERE agent_id = old.agent_id AND intent = old.intent AND direction = old.direction AND messages <= 0;
      INSERT INTO message_counts VALUES (new.agent_id, new.intent, new.direction, 1)
        ON CONFLICT DO UPDATE SET messages = messages + 1;
    END;

    -- The console never edits these columns; an edit (a repair, an import) recomputes the agents it can touch.
    CREATE TRIGGER reply_times_after_update AFTER UPDATE OF agent_id, direction, reply_to, created_at ON messages BEGIN
      DELETE FROM reply_times WHERE agent_id IN (old.agent_id, new.agent_id)
        OR agent_id IN (SELECT r.agent_id FROM messages r WHERE r.reply_to = old.id);
      INSERT INTO reply_times
        SELECT r.agent_id, count(*), sum(r.created_at - q.created_at), max(r.created_at - q.created_at)
        FROM messages r JOIN messages q ON q.id = r.reply_to
        WHERE r.reply_to IS NOT NULL AND r.direction = 'in' AND q.direction = 'out'
          AND r.rowid NOT IN (SELECT rowid FROM search_backlog)
          AND (r.agent_id IN (old.agent_id, new.agent_id)
            OR r.agent_id IN (SELECT r2.agent_id FROM messages r2 WHERE r2.reply_to = old.id))
        GROUP BY r.agent_id;
    END;
  `,
};
