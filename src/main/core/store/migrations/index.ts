import { migration001Initial } from './001-initial';
import { migration002Alerts } from './002-alerts';
import { migration003Links } from './003-links';
import { migration004MessageSearch } from './004-message-search';
import { migration005Operations } from './005-operations';
import { migration006SearchBacklog } from './006-search-backlog';
import { migration007LinkHardening } from './007-link-hardening';
import { migration008LongPrefixSearch } from './008-long-prefix-search';
import { migration009A2a } from './009-a2a';
import { migration010DecisionTrackRecord } from './010-decision-track-record';
import { migration011EndpointLabels } from './011-endpoint-labels';
import type { Migration } from './migration';

/**
 * Every migration in order of version. Append only. A number handed out to a change that did not need it may leave a
 * gap: the runner applies every migration above the file's version, and the newest is the latest.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002Alerts,
  migration003Links,
  migration004MessageSearch,
  migration005Operations,
  migration006SearchBacklog,
  migration007LinkHardening,
  migration008LongPrefixSearch,
  migration009A2a,
  migration010DecisionTrackRecord,
  migration011EndpointLabels,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
