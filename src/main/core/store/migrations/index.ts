import { migration001Initial } from './001-initial';
import { migration002Alerts } from './002-alerts';
import { migration003Links } from './003-links';
import { migration004MessageSearch } from './004-message-search';
import { migration005Operations } from './005-operations';
import { migration006SearchBacklog } from './006-search-backlog';
import { migration009A2a } from './009-a2a';
import type { Migration } from './migration';
import { migration007Reserved, migration008Reserved } from './reserved';

/** Every migration in order. Append only: the position of each is its schema version. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002Alerts,
  migration003Links,
  migration004MessageSearch,
  migration005Operations,
  migration006SearchBacklog,
  migration007Reserved,
  migration008Reserved,
  migration009A2a,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
