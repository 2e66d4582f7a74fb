import type { Migration } from './migration';

/**
 * Version 7 belongs to the link-hardening branch, merged separately. This placeholder keeps each migration at the
 * position of its number meanwhile; the merge replaces it with the real 007. Nothing in 008 depends on 007.
 */
export const migration007Reserved: Migration = {
  version: 7,
  name: 'reserved',
  up: '',
};
