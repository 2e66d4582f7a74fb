import type { Migration } from './migration';

/**
 * Full-text search over the log: message text, intent and the agent's name.
 *
 * The FTS index stores no copy of the text (external content): it reads snippets through `message_search_source`,
 * a view that joins each message to its agent's name, so the log stays one copy of every message. The FTS rowid is
 * messages.rowid, which is the log order, so `ORDER BY rowid DESC LIMIT 50` walks the index newest first and stops
 * early instead of ranking every hit.
 *
 * prefix = '2 3 4': without a prefix index, `camp*` merges the whole doclists of every matching term before the
 * first hit comes out (30 ms at 1M messages, measured); with it, a 2-4 character prefix reads like a single term.
 * Longer prefixes fall back to the merge.
 *
 * Triggers keep the index in step with every write that changes an indexed value: a message inserted, edited or
 * deleted, and an agent named or renamed (its messages are re-indexed under the new name). An external-content
 * index must be told the old values on delete, and the triggers always pass exactly what was indexed.
 */
export const migration004MessageSearch: Migration = {
  version: 4,
  name: 'message-search',
  up: `
    CREATE INDEX messages_by_agent ON messages(agent_id, rowid);

    CREATE VIEW message_search_source AS
      SELECT m.rowid AS rowid, m.text AS text, m.intent AS intent, a.name AS agent_name
      FROM messages m LEFT JOIN agents a ON a.id = m.agent_id;

    CREATE VIRTUAL TABLE messages_fts USING fts5(
      text, intent, agent_name,
      content = 'message_search_source', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3 4'
    );

    CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
      VALUES (new.rowid, new.text, new.intent, (SELECT name FROM agents WHERE id = new.agent_id));
    END;

    CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
      VALUES ('delete', old.rowid, old.text, old.intent, (SELECT name FROM agents WHERE id = old.agent_id));
    END;

    CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF text, intent, agent_id ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
      VALUES ('delete', old.rowid, old.text, old.intent, (SELECT name FROM agents WHERE id = old.agent_id));
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
      VALUES (new.rowid, new.text, new.intent, (SELECT name FROM agents WHERE id = new.agent_id));
    END;

    -- Messages logged before their agent's card (possible in tests and imports) were indexed with no name.
    CREATE TRIGGER messages_fts_after_agent_insert AFTER INSERT ON agents BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
        SELECT 'delete', rowid, text, intent, NULL FROM messages WHERE agent_id = new.id;
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
        SELECT rowid, text, intent, new.name FROM messages WHERE agent_id = new.id;
    END;

    CREATE TRIGGER messages_fts_after_agent_rename AFTER UPDATE OF name ON agents WHEN old.name IS NOT new.name BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
        SELECT 'delete', rowid, text, intent, old.name FROM messages WHERE agent_id = old.id;
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
        SELECT rowid, text, intent, new.name FROM messages WHERE agent_id = new.id;
    END;

    CREATE TRIGGER messages_fts_after_agent_delete AFTER DELETE ON agents BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text, intent, agent_name)
        SELECT 'delete', rowid, text, intent, old.name FROM messages WHERE agent_id = old.id;
      INSERT INTO messages_fts (rowid, text, intent, agent_name)
        SELECT rowid, text, intent, NULL FROM messages WHERE agent_id = old.id;
    END;

    -- Index what an earlier version already logged.
    INSERT INTO messages_fts (rowid, text, intent, agent_name) SELECT rowid, text, intent, agent_name FROM message_search_source;

    -- Response-time stats pair an agent's reply with the operator message it answers.
    CREATE INDEX messages_by_reply_to ON messages(reply_to) WHERE reply_to IS NOT NULL;
  `,
};
