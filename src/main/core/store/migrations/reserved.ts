import type { Migration } from './migration';

/**
 * Schema versions 7 and 8 belong to branches merged alongside the A2A one (009). A migration's position is its
 * version, so until those land these hold their places; the merge replaces them with the real ones.
 */
export const migration007Reserved: Migration = { version: 7, name: 'reserved', up: '' };
export const migration008Reserved: Migration = { version: 8, name: 'reserved', up: '' };
