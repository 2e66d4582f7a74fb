import type { Migration } from './migration';

/**
 * Alert ingest at the rate agents can send it.
 * - `last_ref`: the id of the agent frame that last raised the alert, so a re-send of the same frame (every agent
 *   re-sends its firing alerts after each welcome) is told apart from a repeat and does not raise the count.
 * - The firing counts (badge, tray) are read after every batch of alerts: a covering index makes that a count of
 *   index entries instead of one table lookup per firing alert, which grew with every alert logged.
 * - The flap-hold tick looks for resolves due every second: indexed, so it no longer walks every open alert.
 */
export const migration007LinkHardening: Migration = {
  version: 7,
  name: 'link-hardening',
  up: `
    ALTER TABLE alerts ADD COLUMN last_ref TEXT;
    CREATE INDEX alerts_by_state_severity ON alerts(state, severity);
    CREATE INDEX alerts_resolve_due ON alerts(resolve_requested_at) WHERE resolve_requested_at IS NOT NULL;
  `,
};
