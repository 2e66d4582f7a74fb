import type { Migration } from './migration';

/**
 * The role and department the operator gives an endpoint's agent. A2A agent cards carry neither, so without them
 * every A2A agent would sit in one "External" group of the roster. NULL: as the agent announces (v1) or the A2A default.
 */
export const migration011EndpointLabels: Migration = {
  version: 11,
  name: 'endpoint-labels',
  up: `
    ALTER TABLE endpoints ADD COLUMN role TEXT;
    ALTER TABLE endpoints ADD COLUMN department TEXT;
  `,
};
