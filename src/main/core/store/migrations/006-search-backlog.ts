import type { Migration } from './migration';

/**
 * Search indexing moves off the ack path. FTS5 tokenizing (with the prefix index) cost more than everything else an
 * agent message costs, together (measured: 124k rows/s without the index, 17k with it). The log is the source of
 * truth and what an ack promises; the search index may trail it by a moment, as long as no search can see it trail.
 *
 * So an insert now only notes its rowid in `search_backlog` (in the same transaction as the message), and the
 * search indexer (store/search-indexer.ts) moves backlogged rows into `messages_fts` in batches when ingest is idle,
 * or at once when it grows large, and always before any search runs. Delete, edit and agent-rename triggers act on
 * the index only for rows that are already in it: a backlogged row is indexed later with its values as they are then.
 */
export const migration006SearchBacklog: Migration = {
  version: 6,
  name: 'search-backlog',
  up: `
    CREATE TABLE search_backlog (rowid INTEGER PRIMARY KEY) STRICT;

    DROP TRIGGER messages_fts_after_insert;
    CREATE TRIGGER messages_search_backlog_after_insert AFTER INSERT ON messages BEGIN
      INSERT INTO search_backlog (rowid) VALUES (new.rowid);
    END;

    DROP TRIGGER messages_fts_after_delete;
    CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
        SELECT 'delete', old.rowid, old.text, old.intent, (SELECT name FROM agents WHERE id = old.agent_id)
        WHERE NOT EXISTS (SELECT 1 FROM search_backlog WHERE rowid = old.rowid);
      DELETE FROM search_backlog WHERE rowid = old.rowid;
    END;

    DROP TRIGGER messages_fts_after_update;
    CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF text, intent, agent_id ON messages
      WHEN NOT EXISTS (SELECT 1 FROM search_backlog WHERE rowid = old.rowid) BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
      VALUES ('delete', old.rowid, old.text, old.intent, (SELECT name FROM agents WHERE id = old.agent_id));
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
      VALUES (new.rowid, new.text, new.intent, (SELECT name FROM agents WHERE id = new.agent_id));
    END;

    DROP TRIGGER messages_fts_after_agent_insert;
    CREATE TRIGGER messages_fts_after_agent_insert AFTER INSERT ON agents BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
        SELECT 'delete', rowid, text, intent, NULL FROM messages
        WHERE agent_id = new.id AND rowid NOT IN (SELECT rowid FROM search_backlog);
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
        SELECT rowid, text, intent, new.name FROM messages
        WHERE agent_id = new.id AND rowid NOT IN (SELECT rowid FROM search_backlog);
    END;

    DROP TRIGGER messages_fts_after_agent_rename;
    CREATE TRIGGER messages_fts_after_agent_rename AFTER UPDATE OF name ON agents WHEN old.name IS NOT new.name BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
        SELECT 'delete', rowid, text, intent, old.name FROM messages
        WHERE agent_id = old.id AND rowid NOT IN (SELECT rowid FROM search_backlog);
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
        SELECT rowid, text, intent, new.name FROM messages
        WHERE agent_id = new.id AND rowid NOT IN (SELECT rowid FROM search_backlog);
    END;

    DROP TRIGGER messages_fts_after_agent_delete;
    CREATE TRIGGER messages_fts_after_agent_delete AFTER DELETE ON agents BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
        SELECT 'delete', rowid, text, intent, old.name FROM messages
        WHERE agent_id = old.id AND rowid NOT IN (SELECT rowid FROM search_backlog);
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
        SELECT rowid, text, intent, NULL FROM messages
        WHERE agent_id = old.id AND rowid NOT IN (SELECT rowid FROM search_backlog);
    END;
  `,
};
