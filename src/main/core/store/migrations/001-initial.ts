import type { Migration } from './migration';

/** The log's first shape: endpoints we dial, agents they announce, conversations and their messages. */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE endpoints (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      token TEXT,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE agents (
      id TEXT PRIMARY KEY,
      endpoint_id TEXT REFERENCES endpoints(id) ON DELETE SET NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      department TEXT NOT NULL,
      description TEXT,
      capabilities TEXT NOT NULL,
      intents TEXT NOT NULL,
      -- Highest message seq from this agent whose transaction has committed: sent back in 'welcome' for resume.
      last_seq INTEGER NOT NULL DEFAULT 0,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER
    ) STRICT;

    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      agent_id TEXT NOT NULL,
      title TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_message_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX conversations_by_agent ON conversations(agent_id, last_message_at DESC);

    -- rowid is the log order: keyset paging walks it, so it must never be reused (AUTOINCREMENT).
    CREATE TABLE messages (
      rowid INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      conversation_id TEXT NOT NULL REFERENCES conversations(id),
      agent_id TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      sender TEXT NOT NULL,
      recipient TEXT NOT NULL,
      intent TEXT NOT NULL,
      text TEXT,
      data TEXT,
      priority TEXT NOT NULL,
      seq INTEGER,
      reply_to TEXT,
      status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'received')),
      created_at INTEGER NOT NULL,
      logged_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX messages_by_conversation ON messages(conversation_id, rowid);
    -- The durable outbox is simply the outgoing messages not yet acked by their agent.
    CREATE INDEX messages_outbox ON messages(agent_id, rowid) WHERE direction = 'out' AND status IN ('queued', 'sent');
  `,
};
