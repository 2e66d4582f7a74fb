import { migration001Initial } from './001-initial';
import { migration002Links } from './002-links';
import type { Migration } from './migration';

/** Every migration in order. Append only: the position of each is its schema version. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002Links];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
