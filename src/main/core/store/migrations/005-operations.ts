import type { Migration } from './migration';

/**
 * Twin operations: agent decisions and their outcome, per-agent modes, metric samples, broadcasts with their
 * recipients, and rooms. Messages themselves stay in `messages` (broadcasts go into each agent's direct conversation,
 * rooms into `room:<id>`), so this migration leaves the message log and its indexes alone.
 */
export const migration005Operations: Migration = {
  version: 5,
  name: 'operations',
  up: `
    -- Decision ids are the agent's: unique per agent, not across agents.
    CREATE TABLE decisions (
      agent_id TEXT NOT NULL,
      id TEXT NOT NULL,
      summary TEXT NOT NULL,
      reasoning TEXT NOT NULL,
      confidence REAL NOT NULL,
      context TEXT,
      expires_at INTEGER,
      state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'expired')),
      comment TEXT,
      auto INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1)),
      decided_by TEXT,
      decided_at INTEGER,
      result_acked_at INTEGER,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (agent_id, id)
    ) STRICT;
    CREATE INDEX decisions_pending ON decisions(created_at) WHERE state = 'pending';
    CREATE INDEX decisions_recent ON decisions(created_at DESC);

    CREATE TABLE agent_modes (
      agent_id TEXT PRIMARY KEY,
      mode TEXT NOT NULL CHECK (mode IN ('manual', 'semi_auto', 'auto')),
      -- When set_mode last went on the wire; NULL while it waits for the agent.
      sent_at INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE metric_samples (
      rowid INTEGER PRIMARY KEY,
      agent_id TEXT NOT NULL,
      name TEXT NOT NULL,
      value REAL NOT NULL,
      unit TEXT,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX metric_samples_by_agent ON metric_samples(agent_id, at);

    CREATE TABLE broadcasts (
      id TEXT PRIMARY KEY,
      target TEXT NOT NULL,
      label TEXT NOT NULL,
      intent TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX broadcasts_recent ON broadcasts(created_at DESC);
    CREATE TABLE broadcast_recipients (
      broadcast_id TEXT NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
      agent_id TEXT NOT NULL,
      agent_name TEXT NOT NULL,
      message_id TEXT NOT NULL UNIQUE,
      -- The agent's reply (a message whose reply_to is message_id), once it arrives.
      reply_id TEXT,
      PRIMARY KEY (broadcast_id, agent_id)
    ) STRICT;

    CREATE TABLE rooms (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      member_ids TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
  `,
};
