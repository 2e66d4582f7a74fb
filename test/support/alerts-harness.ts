import type { Alert, NotificationRequest, NotificationSettings } from '../../src/shared/domain';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../src/shared/domain';
import { type AlertsModule, createAlertsModule } from '../../src/main/core/alerts/alerts-module';
import { EventBus } from '../../src/main/core/lib/event-bus';
import { openDatabase } from '../../src/main/core/store/database';
import { tempDir } from './temp-dir';

/**
 * The alerts module on a real SQLite file with a fake clock: tests move time by hand and call tick(), so a minute
 * of flapping runs in milliseconds and every assertion is about what happened, not about timing.
 */
export interface AlertsHarness {
  module: AlertsModule;
  notifications: (NotificationRequest & { at: number })[];
  changes: Alert[];
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
  close(): void;
}

export function alertsHarness(options: { flapHoldMs?: number; settings?: Partial<NotificationSettings> } = {}): AlertsHarness {
  let clock = Date.UTC(2026, 10, 21, 12, 0, 0);
  const db = openDatabase(tempDir());
  const events = new EventBus((error) => {
    throw error;
  });
  const notifications: (NotificationRequest & { at: number })[] = [];
  const changes: Alert[] = [];
  events.on('notification:requested', (request) => notifications.push({ ...request, at: clock }));
  events.on('alert:changed', (alert) => changes.push(alert));
  const module = createAlertsModule({
    db,
    events,
    now: () => clock,
    agentName: (id) => `${id} name`,
    // One frame per batch (the batching itself is tested over sockets).
    ingest: { maxBatch: 1, maxDelayMs: 0 },
    options: { flapHoldMs: options.flapHoldMs, minuteOfDay: (now) => new Date(now).getUTCHours() * 60 + new Date(now).getUTCMinutes() },
  });
  if (options.settings) {
    module.handlers['notifications:update-settings']({ ...DEFAULT_NOTIFICATION_SETTINGS, ...options.settings });
  }
  return {
    // A frame is committed at the end of its event-loop turn (never inside the read that brought it); these tests
    // look at once, so each frame is flushed as it is handed over.
    module: {
      ...module,
      onAlertFrame(agentId, frame) {
        module.onAlertFrame(agentId, frame);
        module.flush();
      },
    },
    notifications,
    changes,
    now: () => clock,
    advance(ms: number) {
      clock += ms;
    },
    set(ms: number) {
      clock = ms;
    },
    close: () => db.close(),
  };
}
