import type { Migration } from './migration';

/**
 * A2A links: the tasks an agent is still working on (so they are resumed with GetTask after a restart, and the
 * request is never sent again), and two more link-layer marks (a retry that may have delivered twice; the state of
 * the task a request started).
 */
export const migration009A2a: Migration = {
  version: 9,
  name: 'a2a',
  up: `
    ALTER TABLE message_marks ADD COLUMN maybe_duplicate INTEGER NOT NULL DEFAULT 0 CHECK (maybe_duplicate IN (0, 1));
    ALTER TABLE message_marks ADD COLUMN task_id TEXT;
    ALTER TABLE message_marks ADD COLUMN task_state TEXT;

    CREATE TABLE a2a_tasks (
      task_id TEXT NOT NULL,
      agent_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      -- The operator message that started the task (or last answered it): replies name it in reply_to.
      request_id TEXT NOT NULL,
      state TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (agent_id, task_id)
    ) STRICT;
  `,
};
