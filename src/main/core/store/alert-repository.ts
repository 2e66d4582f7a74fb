import type { Alert, AlertSeverity, AlertState, AlertTransition, Silence } from '../../../shared/domain';
import type { Database } from './database';

interface RawAlert {
  id: string;
  agent_id: string | null;
  source: Alert['source'];
  rule: Alert['rule'];
  dedupe_key: string;
  severity: AlertSeverity;
  title: string;
  body: string | null;
  state: AlertState;
  count: number;
  first_seen_at: number;
  last_seen_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolve_requested_at: number | null;
  last_ref: string | null;
}

/** An alert row as stored; `silenced` is worked out by the service from the silences in force. */
export type StoredAlert = Omit<Alert, 'silenced' | 'resolving'> & {
  resolveRequestedAt: number | null;
  /** Id of the agent frame that last raised it: a re-send of that frame is not a repeat. */
  lastRef: string | null;
};

const toAlert = (row: RawAlert): StoredAlert => ({
  id: row.id,
  agentId: row.agent_id,
  source: row.source,
  rule: row.rule,
  dedupeKey: row.dedupe_key,
  severity: row.severity,
  title: row.title,
  body: row.body,
  state: row.state,
  count: row.count,
  firstSeenAt: row.first_seen_at,
  lastSeenAt: row.last_seen_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
  resolvedAt: row.resolved_at,
  resolveRequestedAt: row.resolve_requested_at,
  lastRef: row.last_ref,
});

export interface AlertQuery {
  states?: AlertState[];
  agentId?: string;
  severity?: AlertSeverity;
  limit: number;
}

/** Alerts, their transitions and silences. Writes are single statements; the service groups them in transactions. */
export class AlertRepository {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly openByKeyStmt;
  private readonly lastResolvedByKeyStmt;
  private readonly pendingResolvesStmt;
  private readonly insertTransitionStmt;
  private readonly transitionsStmt;
  private readonly insertSilenceStmt;
  private readonly deleteSilenceStmt;
  private readonly activeSilencesStmt;
  private readonly countsStmt;

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO alerts (id, agent_id, source, rule, dedupe_key, severity, title, body, state, count, first_seen_at,
         last_seen_at, acknowledged_at, acknowledged_by, resolved_at, resolve_requested_at, last_ref)
       VALUES (@id, @agentId, @source, @rule, @dedupeKey, @severity, @title, @body, @state, @count, @firstSeenAt,
         @lastSeenAt, @acknowledgedAt, @acknowledgedBy, @resolvedAt, @resolveRequestedAt, @lastRef)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE alerts SET severity = @severity, title = @title, body = @body, state = @state, count = @count,
         last_seen_at = @lastSeenAt, acknowledged_at = @acknowledgedAt, acknowledged_by = @acknowledgedBy,
         resolved_at = @resolvedAt, resolve_requested_at = @resolveRequestedAt, last_ref = @lastRef
       WHERE id = @id`,
    );
    this.getStmt = db.prepare<[string], RawAlert>('SELECT * FROM alerts WHERE id = ?');
    this.openByKeyStmt = db.prepare<[string], RawAlert>("SELECT * FROM alerts WHERE dedupe_key = ? AND state != 'resolved'");
    this.lastResolvedByKeyStmt = db.prepare<[string], RawAlert>(
      "SELECT * FROM alerts WHERE dedupe_key = ? AND state = 'resolved' ORDER BY resolved_at DESC LIMIT 1",
    );
    this.pendingResolvesStmt = db.prepare<[number], RawAlert>(
      "SELECT * FROM alerts WHERE resolve_requested_at IS NOT NULL AND resolve_requested_at <= ? AND state != 'resolved'",
    );
    this.insertTransitionStmt = db.prepare<[string, number, string, string, string | null]>(
      'INSERT INTO alert_transitions (alert_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.transitionsStmt = db.prepare<[string], { alert_id: string; at: number; kind: AlertTransition['kind']; actor: string; detail: string | null }>(
      'SELECT alert_id, at, kind, actor, detail FROM alert_transitions WHERE alert_id = ? ORDER BY rowid',
    );
    this.insertSilenceStmt = db.prepare(
      `INSERT INTO silences (id, matcher, value, reason, created_by, created_at, expires_at)
       VALUES (@id, @matcher, @value, @reason, @createdBy, @createdAt, @expiresAt)`,
    );
    this.deleteSilenceStmt = db.prepare<[string]>('DELETE FROM silences WHERE id = ?');
    this.activeSilencesStmt = db.prepare<[number], { id: string; matcher: Silence['matcher']; value: string; reason: string; created_by: string; created_at: number; expires_at: number }>(
      'SELECT * FROM silences WHERE expires_at > ? ORDER BY expires_at',
    );
    // A silenced alert is one the operator chose not to hear about: it stays in the inbox but leaves the badge.
    this.countsStmt = db.prepare<[{ now: number }], { firing: number; critical: number }>(
      `SELECT COUNT(*) AS firing, COALESCE(SUM(severity = 'critical'), 0) AS critical FROM alerts a
       WHERE state = 'firing' AND NOT EXISTS (
         SELECT 1 FROM silences s WHERE s.expires_at > @now AND (
           (s.matcher = 'agent' AND s.value = a.agent_id) OR (s.matcher = 'rule' AND s.value = a.rule)
           OR (s.matcher = 'dedupe_key' AND s.value = a.dedupe_key)))`,
    );
  }

  insert(alert: StoredAlert): void {
    this.insertStmt.run(alert);
  }

  update(alert: StoredAlert): void {
    this.updateStmt.run(alert);
  }

  get(id: string): StoredAlert | undefined {
    const row = this.getStmt.get(id);
    return row && toAlert(row);
  }

  openByKey(dedupeKey: string): StoredAlert | undefined {
    const row = this.openByKeyStmt.get(dedupeKey);
    return row && toAlert(row);
  }

  lastResolvedByKey(dedupeKey: string): StoredAlert | undefined {
    const row = this.lastResolvedByKeyStmt.get(dedupeKey);
    return row && toAlert(row);
  }

  /** Open alerts whose source asked to resolve at or before `before`. */
  pendingResolves(before: number): StoredAlert[] {
    return this.pendingResolvesStmt.all(before).map(toAlert);
  }

  list(query: AlertQuery): StoredAlert[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.states && query.states.length > 0) {
      where.push(`state IN (${query.states.map(() => '?').join(', ')})`);
      params.push(...query.states);
    }
    if (query.agentId !== undefined) {
      where.push('agent_id = ?');
      params.push(query.agentId);
    }
    if (query.severity !== undefined) {
      where.push('severity = ?');
      params.push(query.severity);
    }
    // Firing first, then by severity, then newest: the order an operator triages in.
    const sql = `SELECT * FROM alerts ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY state = 'resolved', state = 'acknowledged',
        CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, last_seen_at DESC, id LIMIT ?`;
    return this.db
      .prepare<unknown[], RawAlert>(sql)
      .all(...params, query.limit)
      .map(toAlert);
  }

  addTransition(transition: AlertTransition): void {
    this.insertTransitionStmt.run(transition.alertId, transition.at, transition.kind, transition.actor, transition.detail);
  }

  transitions(alertId: string): AlertTransition[] {
    return this.transitionsStmt.all(alertId).map((row) => ({
      alertId: row.alert_id,
      at: row.at,
      kind: row.kind,
      actor: row.actor,
      detail: row.detail,
    }));
  }

  insertSilence(silence: Silence): void {
    this.insertSilenceStmt.run(silence);
  }

  deleteSilence(id: string): boolean {
    return this.deleteSilenceStmt.run(id).changes > 0;
  }

  activeSilences(now: number): Silence[] {
    return this.activeSilencesStmt.all(now).map((row) => ({
      id: row.id,
      matcher: row.matcher,
      value: row.value,
      reason: row.reason,
      createdBy: row.created_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }));
  }

  /** Firing alerts no silence in force at `now` covers. */
  firingCounts(now: number): { firing: number; critical: number } {
    return this.countsStmt.get({ now }) ?? { firing: 0, critical: 0 };
  }
}
