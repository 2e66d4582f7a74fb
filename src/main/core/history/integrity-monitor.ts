import type { Alert, NotificationRequest } from '../../../shared/domain';
import type { StartupStatus } from '../../../shared/history';
import type { ContractHandlers } from '../contract-dispatch';
import type { EventBus } from '../lib/event-bus';
import type { Logger } from '../logger';
import { startQuickCheck, type QuickCheckResult, type RunningQuickCheck } from '../store/background-quick-check';
import type { Database } from '../store/database';

export interface IntegritySchedule {
  /** The first check runs this long after the UI first asks for `startup:status` (it is up and painted)… */
  afterUiMs: number;
  /** …or this long after start when no UI asks (headless, or a UI that never came up). */
  fallbackMs: number;
  /** Then again every this long, for a console left open for days. 0: only once. */
  intervalMs: number;
}

export const DEFAULT_INTEGRITY_SCHEDULE: IntegritySchedule = {
  afterUiMs: 3_000,
  fallbackMs: 60_000,
  intervalMs: 6 * 60 * 60_000,
};

export interface IntegrityMonitorDeps {
  db: Database;
  file: string;
  nativeBinding?: string;
  events: EventBus;
  logger: Logger;
  now: () => number;
  schedule?: Partial<IntegritySchedule>;
  /** The log was found damaged: the caller stops everything that could write (links first). */
  onDamaged(status: Extract<StartupStatus, { state: 'database-unreadable' }>): void;
}

export const LOG_DAMAGED_ALERT_ID = 'console:log-damaged';

/**
 * Checks the live log for damage without ever blocking the console (start-up skips the check after a clean close,
 * see store/clean-close-marker.ts): quick_check in a worker thread, on its own read-only connection, once the UI is
 * up and then periodically.
 *
 * When the log is damaged, nothing more is written to it: the write connection turns query_only at once (so a commit
 * already on its way fails and is never acked, and the agents keep those messages to resend), the owner closes the
 * links, and a critical alert plus a notification tell the operator, whose window then offers the recovery screen.
 * The alert lives only in memory: the alerts table is in the damaged file.
 */
export function createIntegrityMonitor(deps: IntegrityMonitorDeps) {
  const schedule = { ...DEFAULT_INTEGRITY_SCHEDULE, ...deps.schedule };
  let timer: NodeJS.Timeout | null = null;
  let running: RunningQuickCheck | null = null;
  let uiSeen = false;
  let closed = false;
  let damaged: Extract<StartupStatus, { state: 'database-unreadable' }> | null = null;

  // The long waits (fallback, periodic) never keep a process alive on their own; the short one after the UI is up does.
  const at = (ms: number, keepAlive = false) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(), ms);
    if (!keepAlive) timer.unref();
  };

  const check = async (): Promise<QuickCheckResult | null> => {
    if (closed || damaged || running) return null;
    timer = null;
    running = startQuickCheck(deps.file, deps.nativeBinding);
    const result = await running.result;
    running = null;
    if (closed) return result;
    if (result.state === 'damaged') declareDamaged(result.detail);
    else {
      if (result.state === 'unknown') deps.logger.warn(`the background check of the message log could not run: ${result.detail}`);
      else deps.logger.info(`message log checked in the background (quick_check, ${Math.round(result.ms)} ms): ok`);
      if (schedule.intervalMs > 0) at(schedule.intervalMs);
    }
    return result;
  };

  const declareDamaged = (detail: string) => {
    try {
      deps.db.pragma('query_only = ON');
    } catch (error) {
      deps.logger.error('could not stop writes to the damaged log', error);
    }
    const message = `The message log at ${deps.file} is damaged (${detail}). Nothing more is written to it: export what can still be read, or start a fresh log and keep the old file.`;
    damaged = { state: 'database-unreadable', file: deps.file, message };
    deps.logger.error(message);
    const now = deps.now();
    const alert: Alert = {
      id: LOG_DAMAGED_ALERT_ID,
      agentId: null,
      source: 'rule',
      rule: null,
      dedupeKey: LOG_DAMAGED_ALERT_ID,
      severity: 'critical',
      title: 'The message log is damaged',
      body: message,
      state: 'firing',
      count: 1,
      firstSeenAt: now,
      lastSeenAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolving: false,
      silenced: false,
    };
    const notification: NotificationRequest = {
      id: `${LOG_DAMAGED_ALERT_ID}:${now}`,
      title: alert.title,
      body: 'Agent links are closed and nothing more is written. Open Twin Console to export what can be read.',
      severity: 'critical',
      count: 1,
      target: { kind: 'alert', id: alert.id },
    };
    deps.onDamaged(damaged);
    deps.events.emit('alert:changed', alert);
    deps.events.emit('notification:requested', notification);
  };

  return {
    /** Arms the first check. */
    start(): void {
      at(schedule.fallbackMs);
    },
    handlers: {
      // The renderer asks for this when it mounts, so the first call is the sign that the UI is up.
      'startup:status': (): StartupStatus => {
        if (!uiSeen && !closed && !running && !damaged) at(schedule.afterUiMs, true);
        uiSeen = true;
        return damaged ?? { state: 'ready' };
      },
    } satisfies Pick<ContractHandlers, 'startup:status'>,
    /** Runs a check now (tests, and the periodic timer). Resolves with its result, or null if one was running. */
    checkNow: check,
    get damaged() {
      return damaged;
    },
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      running?.cancel();
    },
  };
}

export type IntegrityMonitor = ReturnType<typeof createIntegrityMonitor>;
