import { randomUUID } from 'node:crypto';
import type { Alert, AlertSeverity, AlertTransition, Silence } from '../../../shared/domain';
import { CoreError } from '../core-error';
import type { AlertQuery, AlertRepository, StoredAlert } from '../store/alert-repository';
import type { RaiseAlert } from '../lib/core-events';
import type { Database } from '../store/database';

export interface AlertServiceOptions {
  now: () => number;
  /**
   * How long a source must stay resolved before the alert is resolved. A re-fire within the hold cancels the
   * resolve, so a flapping source keeps one open alert with a rising count instead of a resolve/fire storm.
   */
  flapHoldMs?: number;
  /** A key that fires again this soon after resolving reopens its old alert instead of opening a new one. */
  reopenWindowMs?: number;
}

/** What the service tells the attention layer: an alert that deserves a look (new, reopened or escalated). */
export type AlertAttention = (alert: Alert, kind: 'fired' | 'reopened' | 'escalated') => void;

const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * The alert lifecycle: firing -> acknowledged -> resolved, with dedupe by key, flap hold, silences, and a timeline
 * of every transition (who and when) kept in SQLite.
 */
export class AlertService {
  private readonly flapHoldMs: number;
  private readonly reopenWindowMs: number;

  constructor(
    private readonly db: Database,
    private readonly repo: AlertRepository,
    private readonly onChanged: (alert: Alert) => void,
    private readonly onAttention: AlertAttention,
    private readonly options: AlertServiceOptions,
  ) {
    this.flapHoldMs = options.flapHoldMs ?? 10_000;
    this.reopenWindowMs = options.reopenWindowMs ?? 5 * 60_000;
  }

  raise(input: RaiseAlert): Alert {
    const now = this.options.now();
    let attention: 'fired' | 'reopened' | 'escalated' | null = null;
    const stored = this.db.transaction((): StoredAlert => {
      const open = this.repo.openByKey(input.dedupeKey);
      if (open) {
        const escalated = SEVERITY_RANK[input.severity] > SEVERITY_RANK[open.severity];
        const next: StoredAlert = {
          ...open,
          severity: escalated ? input.severity : open.severity,
          title: input.title,
          body: input.body,
          count: open.count + 1,
          lastSeenAt: now,
          resolveRequestedAt: null,
          // A worse repeat needs a fresh look even if the operator acknowledged the milder one.
          state: escalated ? 'firing' : open.state,
          acknowledgedAt: escalated ? null : open.acknowledgedAt,
          acknowledgedBy: escalated ? null : open.acknowledgedBy,
        };
        this.repo.update(next);
        if (escalated) {
          attention = 'escalated';
          this.record(next.id, now, 'escalated', input.actor, `${open.severity} -> ${input.severity}`);
        }
        return next;
      }
      const recent = this.repo.lastResolvedByKey(input.dedupeKey);
      if (recent && recent.resolvedAt !== null && now - recent.resolvedAt <= this.reopenWindowMs) {
        const reopened: StoredAlert = {
          ...recent,
          severity: input.severity,
          title: input.title,
          body: input.body,
          state: 'firing',
          count: recent.count + 1,
          lastSeenAt: now,
          acknowledgedAt: null,
          acknowledgedBy: null,
          resolvedAt: null,
          resolveRequestedAt: null,
        };
        this.repo.update(reopened);
        this.record(reopened.id, now, 'reopened', input.actor, null);
        attention = 'reopened';
        return reopened;
      }
      const created: StoredAlert = {
        id: input.id ?? randomUUID(),
        agentId: input.agentId,
        source: input.source,
        rule: input.rule,
        dedupeKey: input.dedupeKey,
        severity: input.severity,
        title: input.title,
        body: input.body,
        state: 'firing',
        count: 1,
        firstSeenAt: now,
        lastSeenAt: now,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        resolveRequestedAt: null,
      };
      this.repo.insert(created);
      this.record(created.id, now, 'fired', input.actor, null);
      attention = 'fired';
      return created;
    })();
    const alert = this.present(stored, this.repo.activeSilences(now));
    this.onChanged(alert);
    if (attention && !alert.silenced) this.onAttention(alert, attention);
    return alert;
  }

  /** Whether the alert with this id exists and is resolved: a raise of it again is a replay, not a new occurrence. */
  isResolved(id: string): boolean {
    return this.repo.get(id)?.state === 'resolved';
  }

  /** The source says the condition is over; the alert resolves once the flap hold passes quietly. */
  requestResolve(dedupeKey: string, actor: string): void {
    const now = this.options.now();
    const open = this.repo.openByKey(dedupeKey);
    if (!open || open.resolveRequestedAt !== null) return;
    if (this.flapHoldMs === 0) {
      this.resolve(open, now, actor);
      return;
    }
    const next = { ...open, resolveRequestedAt: now };
    this.repo.update(next);
    this.onChanged(this.present(next, this.repo.activeSilences(now)));
  }

  /** Commits resolves whose hold has passed. Called every second by the core, or by tests with a fake clock. */
  tick(): void {
    const now = this.options.now();
    for (const alert of this.repo.pendingResolves(now - this.flapHoldMs)) {
      this.resolve(alert, alert.resolveRequestedAt ?? now, alert.source === 'agent' ? `agent:${alert.agentId}` : `rule:${alert.rule}`);
    }
  }

  acknowledge(id: string, actor: string): Alert {
    const alert = this.mustGet(id);
    if (alert.state !== 'firing') throw new CoreError('CONFLICT', `Alert "${alert.title}" is ${alert.state}, not firing.`);
    const now = this.options.now();
    const next: StoredAlert = { ...alert, state: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor };
    this.db.transaction(() => {
      this.repo.update(next);
      this.record(id, now, 'acknowledged', actor, null);
    })();
    const presented = this.present(next, this.repo.activeSilences(now));
    this.onChanged(presented);
    return presented;
  }

  /** The operator closes an alert by hand. */
  resolveByOperator(id: string, actor: string): Alert {
    const alert = this.mustGet(id);
    if (alert.state === 'resolved') throw new CoreError('CONFLICT', `Alert "${alert.title}" is already resolved.`);
    return this.resolve(alert, this.options.now(), actor);
  }

  silence(input: { matcher: Silence['matcher']; value: string; reason: string; durationS: number; actor: string }): Silence {
    const now = this.options.now();
    const silence: Silence = {
      id: randomUUID(),
      matcher: input.matcher,
      value: input.value,
      reason: input.reason,
      createdBy: input.actor,
      createdAt: now,
      expiresAt: now + input.durationS * 1000,
    };
    this.db.transaction(() => {
      this.repo.insertSilence(silence);
      // Each open alert it covers says so in its timeline, with the reason and until when.
      const until = new Date(silence.expiresAt).toISOString();
      for (const alert of this.openAlertsMatching(silence)) this.record(alert.id, now, 'silenced', input.actor, `${input.reason} (until ${until})`);
    })();
    this.emitOpenAlerts();
    return silence;
  }

  unsilence(id: string, actor = 'operator'): void {
    const silence = this.repo.activeSilences(this.options.now()).find((s) => s.id === id);
    if (!this.repo.deleteSilence(id)) throw new CoreError('NOT_FOUND', `No silence with id ${id}.`);
    if (silence) for (const alert of this.openAlertsMatching(silence)) this.record(alert.id, this.options.now(), 'unsilenced', actor, null);
    this.emitOpenAlerts();
  }

  private openAlertsMatching(silence: Silence): StoredAlert[] {
    return this.repo.list({ states: ['firing', 'acknowledged'], limit: 1000 }).filter((alert) => matches(silence, alert));
  }

  silences(): Silence[] {
    return this.repo.activeSilences(this.options.now());
  }

  list(query: AlertQuery): Alert[] {
    const silences = this.repo.activeSilences(this.options.now());
    return this.repo.list(query).map((alert) => this.present(alert, silences));
  }

  get(id: string): Alert {
    return this.present(this.mustGet(id), this.repo.activeSilences(this.options.now()));
  }

  timeline(id: string): AlertTransition[] {
    this.mustGet(id);
    return this.repo.transitions(id);
  }

  private resolve(alert: StoredAlert, at: number, actor: string): Alert {
    const next: StoredAlert = { ...alert, state: 'resolved', resolvedAt: at, resolveRequestedAt: null };
    this.db.transaction(() => {
      this.repo.update(next);
      this.record(alert.id, at, 'resolved', actor, null);
    })();
    const presented = this.present(next, this.repo.activeSilences(this.options.now()));
    this.onChanged(presented);
    return presented;
  }

  private emitOpenAlerts(): void {
    for (const alert of this.list({ states: ['firing', 'acknowledged'], limit: 1000 })) this.onChanged(alert);
  }

  private mustGet(id: string): StoredAlert {
    const alert = this.repo.get(id);
    if (!alert) throw new CoreError('NOT_FOUND', `No alert with id ${id}.`);
    return alert;
  }

  private record(alertId: string, at: number, kind: AlertTransition['kind'], actor: string, detail: string | null): void {
    this.repo.addTransition({ alertId, at, kind, actor, detail });
  }

  private present(alert: StoredAlert, silences: Silence[]): Alert {
    const { resolveRequestedAt, ...rest } = alert;
    return { ...rest, resolving: resolveRequestedAt !== null, silenced: silences.some((s) => matches(s, alert)) };
  }
}

function matches(silence: Silence, alert: StoredAlert): boolean {
  switch (silence.matcher) {
    case 'agent':
      return alert.agentId === silence.value;
    case 'rule':
      return alert.rule === silence.value;
    case 'dedupe_key':
      return alert.dedupeKey === silence.value;
  }
}
