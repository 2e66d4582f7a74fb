import type { Migration } from './migration';

/** Alerts with their lifecycle, the timeline of every transition, silences, and notification settings. */
export const migration002Alerts: Migration = {
  version: 2,
  name: 'alerts',
  up: `
    CREATE TABLE alerts (
      id TEXT PRIMARY KEY,
      agent_id TEXT,
      source TEXT NOT NULL CHECK (source IN ('agent', 'rule')),
      rule TEXT,
      dedupe_key TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      title TEXT NOT NULL,
      body TEXT,
      state TEXT NOT NULL CHECK (state IN ('firing', 'acknowledged', 'resolved')),
      count INTEGER NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      acknowledged_at INTEGER,
      acknowledged_by TEXT,
      resolved_at INTEGER,
      -- Set when the source says resolved; the alert resolves only if it stays quiet for the flap hold.
      resolve_requested_at INTEGER
    ) STRICT;
    -- At most one open alert per dedupe key: repeats raise its count.
    CREATE UNIQUE INDEX alerts_open_by_key ON alerts(dedupe_key) WHERE state != 'resolved';
    CREATE INDEX alerts_by_key_recent ON alerts(dedupe_key, resolved_at);
    CREATE INDEX alerts_by_state ON alerts(state, last_seen_at DESC);

    CREATE TABLE alert_transitions (
      rowid INTEGER PRIMARY KEY,
      alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      actor TEXT NOT NULL,
      detail TEXT
    ) STRICT;
    CREATE INDEX alert_transitions_by_alert ON alert_transitions(alert_id, rowid);

    CREATE TABLE silences (
      id TEXT PRIMARY KEY,
      matcher TEXT NOT NULL CHECK (matcher IN ('agent', 'rule', 'dedupe_key')),
      value TEXT NOT NULL,
      reason TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;

    -- Small key/value settings (JSON values), e.g. notification policy.
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
