import type { Migration } from './migration';

/**
 * Agent links: endpoints get a label and a kind (direct or gateway; NULL = as announced in hello), and messages get
 * link-layer marks kept beside them, so the messages table (and whatever indexes it) is left as it is.
 */
export const migration003Links: Migration = {
  version: 3,
  name: 'links',
  up: `
    ALTER TABLE endpoints ADD COLUMN name TEXT;
    ALTER TABLE endpoints ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind IN ('direct', 'gateway'));

    CREATE TABLE message_marks (
      message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
      -- Cancelled while queued: never sent, and skipped by the outbox.
      cancelled_at INTEGER,
      -- An operator request expects a reply by this time; the outcome is one of the next two.
      reply_due_at INTEGER,
      replied_at INTEGER,
      timed_out_at INTEGER,
      -- A streamed reply cut off by a dropped link: the row holds the partial text.
      interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1))
    ) STRICT;
    CREATE INDEX message_marks_awaiting_reply ON message_marks(reply_due_at)
      WHERE reply_due_at IS NOT NULL AND replied_at IS NULL AND timed_out_at IS NULL;
  `,
};
