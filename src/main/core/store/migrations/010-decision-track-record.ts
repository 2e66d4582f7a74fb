import type { Migration } from './migration';

/**
 * An agent's track record (how many of its decisions were approved, rejected, expired) is counted on every decision
 * card. Without this index that count scans the whole decisions table; with it, it is an index-only range scan over
 * the agent's own rows, grouped by state in index order.
 */
export const migration010DecisionTrackRecord: Migration = {
  version: 10,
  name: 'decision-track-record',
  up: `
    CREATE INDEX decisions_agent_state ON decisions(agent_id, state, auto);
  `,
};
