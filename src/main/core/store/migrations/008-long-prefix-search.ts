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
export const migration008LongPrefixSearch: Migration = {
  version: 8,
  name: 'long-prefix-search',
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
  `,
};
