import type { AlertSeverity, NotificationRequest, NotificationSettings } from '../../../shared/domain';

/** Something that may deserve the operator's attention: a new agent message, or an alert that fired. */
export interface AttentionEvent {
  id: string;
  agentId: string | null;
  agentName: string;
  kind: 'message' | 'alert';
  /** Alerts only. */
  severity: AlertSeverity | null;
  /** A message that asks for a response or mentions the operator; for alerts, being critical. */
  needsOperator: boolean;
  conversationId: string | null;
  title: string;
  body: string;
  target: NotificationRequest['target'];
}

/** What the operator is looking at, as reported by the window. */
export interface ViewState {
  windowFocused: boolean;
  conversationId: string | null;
}

interface CoalesceWindow {
  endsAt: number;
  pending: number;
  latest: AttentionEvent | null;
}

/**
 * Decides which events interrupt the operator. Pure: it holds no timers and reads the time it is given, so it is
 * tested with a fake clock; the attention service calls `due()` when `nextDueAt()` comes.
 *
 * Per agent, the first event notifies at once and opens a coalescing window; what else arrives in the window is
 * summed up in one notification when it ends (which opens the next window). So an agent can interrupt at most once
 * per window, however fast it flaps, and nothing is silently dropped.
 */
export class NotificationPolicy {
  private readonly windows = new Map<string, CoalesceWindow>();

  constructor(
    private readonly settings: () => NotificationSettings,
    /** Minutes since local midnight; injectable so quiet hours are testable in any time zone. */
    private readonly minuteOfDay: (now: number) => number = (now) => {
      const date = new Date(now);
      return date.getHours() * 60 + date.getMinutes();
    },
  ) {}

  offer(event: AttentionEvent, now: number, view: ViewState): NotificationRequest | null {
    if (!this.wanted(event, now, view)) return null;
    const key = event.agentId ?? 'console';
    const window = this.windows.get(key);
    if (window && now < window.endsAt) {
      window.pending++;
      window.latest = event;
      return null;
    }
    this.windows.set(key, { endsAt: now + this.settings().coalesceWindowS * 1000, pending: 0, latest: null });
    return { id: event.id, title: titleOf(event), body: event.body, severity: event.severity, count: 1, target: event.target };
  }

  /** Summaries of windows that have ended by `now`. */
  due(now: number): NotificationRequest[] {
    const out: NotificationRequest[] = [];
    for (const [key, window] of this.windows) {
      if (now < window.endsAt) continue;
      if (window.pending === 0 || !window.latest) {
        this.windows.delete(key);
        continue;
      }
      const latest = window.latest;
      out.push({
        id: `${latest.id}:summary`,
        title: `${latest.agentName}: ${window.pending} more ${window.pending === 1 ? 'update' : 'updates'}`,
        body: `Latest: ${latest.title}${latest.body ? ` — ${latest.body}` : ''}`,
        severity: latest.severity,
        count: window.pending,
        target: latest.target,
      });
      this.windows.set(key, { endsAt: now + this.settings().coalesceWindowS * 1000, pending: 0, latest: null });
    }
    return out;
  }

  /** When `due()` next has something to say, or null if no window is open. */
  nextDueAt(): number | null {
    let next: number | null = null;
    for (const window of this.windows.values()) {
      if (window.pending > 0 && (next === null || window.endsAt < next)) next = window.endsAt;
    }
    return next;
  }

  private wanted(event: AttentionEvent, now: number, view: ViewState): boolean {
    const settings = this.settings();
    const level = (event.agentId !== null ? settings.agentLevels[event.agentId] : undefined) ?? settings.defaultLevel;
    if (level === 'none') return false;
    const critical = event.kind === 'alert' && event.severity === 'critical';
    if (level === 'mentions_critical' && !(critical || (event.kind === 'message' && event.needsOperator))) return false;
    // The operator is already reading this conversation: a notification would only repeat the screen.
    if (event.kind === 'message' && view.windowFocused && event.conversationId === view.conversationId) return false;
    if (!critical && settings.quietHours.enabled && inQuietHours(this.minuteOfDay(now), settings.quietHours)) return false;
    return true;
  }
}

function titleOf(event: AttentionEvent): string {
  if (event.kind === 'message') return event.agentName;
  return `${event.severity === 'critical' ? 'Critical' : event.severity === 'warning' ? 'Warning' : 'Info'}: ${event.title}`;
}

function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export function inQuietHours(minute: number, quiet: { start: string; end: string }): boolean {
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}
