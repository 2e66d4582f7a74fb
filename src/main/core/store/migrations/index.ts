import { migration001Initial } from './001-initial';
import { migration002MessageSearch } from './002-message-search';
import type { Migration } from './migration';

/** Every migration in order. Append only: the position of each is its schema version. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002MessageSearch];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
