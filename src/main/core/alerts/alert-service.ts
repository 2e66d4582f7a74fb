import { randomUUID } from 'node:crypto';
import type { Alert, AlertSeverity, AlertTransition, Silence } from '../../../shared/domain';
import { CoreError } from '../core-error';
import type { AlertQuery, AlertRepository, StoredAlert } from '../store/alert-repository';
import type { RaiseAlert } from '../lib/core-events';
import type { Database } from '../store/database';
import { silenceMatches } from './silence-match';

/** One item of a batch of agent alert frames: raise (firing), or ask to resolve (resolved). */
export type AlertIngestItem = { raise: RaiseAlert } | { resolve: string; actor: string };

type Applied = { stored: StoredAlert; attention: 'fired' | 'reopened' | 'escalated' | null };

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
    const applied = this.db.transaction(() => this.applyRaise(input, now))();
    const alert = this.present(applied.stored, this.repo.activeSilences(now));
    if (applied.attention !== undefined) this.notify(alert, applied.attention);
    return alert;
  }

  /**
   * Takes a batch of agent alert frames in one transaction (one fsync for the batch, not one per frame). Each item
   * runs in a savepoint of its own: one that fails is rolled back alone, reported to `onFailed`, and never takes its
   * neighbours with it. Changes are announced after the commit.
   */
  ingest(items: AlertIngestItem[], onFailed: (item: AlertIngestItem, error: unknown) => void): void {
    const now = this.options.now();
    const applied: Applied[] = [];
    this.db.transaction(() => {
      for (const item of items) {
        try {
          const one = this.db.transaction(() => ('raise' in item ? this.applyRaise(item.raise, now) : this.applyResolveRequest(item.resolve, item.actor, now)))();
          if (one && one.attention !== undefined) applied.push(one as Applied);
        } catch (error) {
          onFailed(item, error);
        }
      }
    })();
    if (applied.length === 0) return;
    const silences = this.repo.activeSilences(now);
    for (const { stored, attention } of applied) this.notify(this.present(stored, silences), attention);
  }

  private notify(alert: Alert, attention: Applied['attention']): void {
    this.onChanged(alert);
    if (attention && !alert.silenced) this.onAttention(alert, attention);
  }

  /**
   * Call inside a transaction. `attention` undefined: nothing changed (the same frame sent again), nothing to tell.
   */
  private applyRaise(input: RaiseAlert, now: number): { stored: StoredAlert; attention?: Applied['attention'] } {
    const ref = input.ref ?? null;
    const open = this.repo.openByKey(input.dedupeKey);
    if (open) {
      // Agents re-send their firing alerts after every welcome: the same frame again is not the problem recurring.
      if (ref !== null && open.lastRef === ref) return { stored: open };
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
        lastRef: ref ?? open.lastRef,
      };
      this.repo.update(next);
      if (!escalated) return { stored: next, attention: null };
      this.record(next.id, now, 'escalated', input.actor, `${open.severity} -> ${input.severity}`);
      return { stored: next, attention: 'escalated' };
    }
    const recent = this.repo.lastResolvedByKey(input.dedupeKey);
    if (recent && recent.resolvedAt !== null && now - recent.resolvedAt <= this.reopenWindowMs) {
      const reopened: StoredAlert = { ...recent, ...firingAgain(input, now, ref), count: recent.count + 1 };
      this.repo.update(reopened);
      this.record(reopened.id, now, 'reopened', input.actor, null);
      return { stored: reopened, attention: 'reopened' };
    }
    const created: StoredAlert = {
      id: input.id ?? randomUUID(),
      agentId: input.agentId,
      source: input.source,
      rule: input.rule,
      dedupeKey: input.dedupeKey,
      ...firingAgain(input, now, ref),
      count: 1,
      firstSeenAt: now,
    };
    this.repo.insert(created);
    this.record(created.id, now, 'fired', input.actor, null);
    return { stored: created, attention: 'fired' };
  }

  /** Whether the alert with this id exists and is resolved: a raise of it again is a replay, not a new occurrence. */
  isResolved(id: string): boolean {
    return this.repo.get(id)?.state === 'resolved';
  }

  /** The source says the condition is over; the alert resolves once the flap hold passes quietly. */
  requestResolve(dedupeKey: string, actor: string): void {
    const now = this.options.now();
    const applied = this.db.transaction(() => this.applyResolveRequest(dedupeKey, actor, now))();
    if (applied) this.onChanged(this.present(applied.stored, this.repo.activeSilences(now)));
  }

  /** Call inside a transaction. Null when there is nothing open to resolve, or a resolve is already pending. */
  private applyResolveRequest(dedupeKey: string, actor: string, now: number): Applied | null {
    const open = this.repo.openByKey(dedupeKey);
    if (!open || open.resolveRequestedAt !== null) return null;
    if (this.flapHoldMs === 0) return { stored: this.writeResolve(open, now, actor), attention: null };
    const next = { ...open, resolveRequestedAt: now };
    this.repo.update(next);
    return { stored: next, attention: null };
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
    return this.repo.list({ states: ['firing', 'acknowledged'], limit: 1000 }).filter((alert) => silenceMatches(silence, alert));
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
    const next = this.db.transaction(() => this.writeResolve(alert, at, actor))();
    const presented = this.present(next, this.repo.activeSilences(this.options.now()));
    this.onChanged(presented);
    return presented;
  }

  private writeResolve(alert: StoredAlert, at: number, actor: string): StoredAlert {
    const next: StoredAlert = { ...alert, state: 'resolved', resolvedAt: at, resolveRequestedAt: null };
    this.repo.update(next);
    this.record(alert.id, at, 'resolved', actor, null);
    return next;
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
    const { resolveRequestedAt, lastRef: _lastRef, ...rest } = alert;
    return { ...rest, resolving: resolveRequestedAt !== null, silenced: silences.some((s) => silenceMatches(s, alert)) };
  }
}

/** What a raise sets on the alert it opens or reopens: firing, unacknowledged, unresolved, with the latest words. */
function firingAgain(input: RaiseAlert, now: number, ref: string | null) {
  return {
    severity: input.severity,
    title: input.title,
    body: input.body,
    state: 'firing' as const,
    lastSeenAt: now,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolveRequestedAt: null,
    lastRef: ref,
  };
}
