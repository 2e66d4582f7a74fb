import type { Decision, DecisionState, DecisionTrackRecord } from '../../../shared/domain';
import type { Database } from './database';

interface RawDecision {
  agent_id: string;
  id: string;
  summary: string;
  reasoning: string;
  confidence: number;
  context: string | null;
  expires_at: number | null;
  state: DecisionState;
  comment: string | null;
  auto: number;
  decided_by: string | null;
  decided_at: number | null;
  result_acked_at: number | null;
  created_at: number;
}

const toDecision = (row: RawDecision): Decision => ({
  id: row.id,
  agentId: row.agent_id,
  summary: row.summary,
  reasoning: row.reasoning,
  confidence: row.confidence,
  context: row.context === null ? null : (JSON.parse(row.context) as Record<string, unknown>),
  expiresAt: row.expires_at,
  state: row.state,
  comment: row.comment,
  auto: row.auto === 1,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  resultAckedAt: row.result_acked_at,
  createdAt: row.created_at,
});

export interface DecisionQuery {
  states?: DecisionState[];
  agentId?: string;
  limit: number;
}

/** Agent decisions and their outcome: the "needs you" queue and its history. */
export class DecisionRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly decideStmt;
  private readonly ackStmt;
  private readonly expireStmt;
  private readonly pendingStmt;
  private readonly pendingCountStmt;
  private readonly unackedResultsStmt;
  private readonly listStmt;
  private readonly trackRecordStmt;

  constructor(db: Database) {
    // OR IGNORE: an agent re-sends its pending decisions after every welcome; the first one logged stands.
    this.insertStmt = db.prepare(
      `INSERT OR IGNORE INTO decisions (agent_id, id, summary, reasoning, confidence, context, expires_at, state, created_at)
       VALUES (@agentId, @id, @summary, @reasoning, @confidence, @context, @expiresAt, 'pending', @createdAt)`,
    );
    this.getStmt = db.prepare<[string, string], RawDecision>('SELECT * FROM decisions WHERE agent_id = ? AND id = ?');
    this.decideStmt = db.prepare(
      `UPDATE decisions SET state = @state, comment = @comment, auto = @auto, decided_by = @decidedBy, decided_at = @decidedAt
       WHERE agent_id = @agentId AND id = @id AND state = 'pending'`,
    );
    this.ackStmt = db.prepare<[number, string, string]>(
      'UPDATE decisions SET result_acked_at = ? WHERE agent_id = ? AND id = ? AND result_acked_at IS NULL',
    );
    this.expireStmt = db.prepare<[number, number], RawDecision>(
      `UPDATE decisions SET state = 'expired', decided_at = ?
       WHERE state = 'pending' AND expires_at IS NOT NULL AND expires_at <= ? RETURNING *`,
    );
    this.pendingStmt = db.prepare<[], RawDecision>("SELECT * FROM decisions WHERE state = 'pending' ORDER BY created_at");
    this.pendingCountStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM decisions WHERE state = 'pending'");
    this.unackedResultsStmt = db.prepare<[string], RawDecision>(
      "SELECT * FROM decisions WHERE agent_id = ? AND state IN ('approved', 'rejected') AND result_acked_at IS NULL",
    );
    this.listStmt = db.prepare<[string, string | null, string | null, number], RawDecision>(
      `SELECT * FROM decisions
       WHERE state IN (SELECT value FROM json_each(?)) AND (? IS NULL OR agent_id = ?)
       ORDER BY created_at DESC LIMIT ?`,
    );
    // At most eight rows (state x auto), read from the decisions_agent_state index alone (migration 010).
    this.trackRecordStmt = db.prepare<[string], { state: DecisionState; auto: number; n: number }>(
      'SELECT state, auto, count(*) AS n FROM decisions WHERE agent_id = ? GROUP BY state, auto',
    );
  }

  /** Returns whether it was new. */
  insert(decision: Pick<Decision, 'agentId' | 'id' | 'summary' | 'reasoning' | 'confidence' | 'context' | 'expiresAt' | 'createdAt'>): boolean {
    return (
      this.insertStmt.run({ ...decision, context: decision.context === null ? null : JSON.stringify(decision.context) }).changes > 0
    );
  }

  get(agentId: string, id: string): Decision | undefined {
    const row = this.getStmt.get(agentId, id);
    return row && toDecision(row);
  }

  /** Settles a pending decision. Returns false when it was no longer pending. */
  decide(input: {
    agentId: string;
    id: string;
    state: 'approved' | 'rejected';
    comment: string | null;
    auto: boolean;
    decidedBy: string;
    decidedAt: number;
  }): boolean {
    return this.decideStmt.run({ ...input, auto: input.auto ? 1 : 0 }).changes > 0;
  }

  markResultAcked(agentId: string, id: string, at: number): boolean {
    return this.ackStmt.run(at, agentId, id).changes > 0;
  }

  /** Marks every pending decision past its expiry as expired, and returns them. */
  expireDue(now: number): Decision[] {
    return this.expireStmt.all(now, now).map(toDecision);
  }

  pending(): Decision[] {
    return this.pendingStmt.all().map(toDecision);
  }

  pendingCount(): number {
    return this.pendingCountStmt.get()?.n ?? 0;
  }

  /** Decided decisions whose `decision_result` the agent has not acked: they are re-sent when it reconnects. */
  unackedResults(agentId: string): Decision[] {
    return this.unackedResultsStmt.all(agentId).map(toDecision);
  }

  list(query: DecisionQuery): Decision[] {
    const states = query.states ?? ['pending', 'approved', 'rejected', 'expired'];
    const agentId = query.agentId ?? null;
    return this.listStmt.all(JSON.stringify(states), agentId, agentId, query.limit).map(toDecision);
  }

  /** How this agent's decisions went, from the log. */
  trackRecord(agentId: string): DecisionTrackRecord {
    const record: DecisionTrackRecord = { agentId, approved: 0, autoApproved: 0, rejected: 0, expired: 0, pending: 0 };
    for (const row of this.trackRecordStmt.all(agentId)) {
      record[row.state] += row.n;
      if (row.state === 'approved' && row.auto === 1) record.autoApproved += row.n;
    }
    return record;
  }
}
