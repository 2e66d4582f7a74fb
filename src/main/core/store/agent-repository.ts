import type { AgentCard, Intent } from '../../../shared/protocol';
import type { Database } from './database';

/** What the log knows of an agent; live link and work state are kept by the link manager, not here. */
export interface AgentRow {
  id: string;
  endpointId: string | null;
  name: string;
  role: string;
  department: string;
  description: string | null;
  capabilities: string[];
  intents: Intent[];
  lastSeq: number;
  lastSeenAt: number | null;
}

interface RawAgent {
  id: string;
  endpoint_id: string | null;
  name: string;
  role: string;
  department: string;
  description: string | null;
  capabilities: string;
  intents: string;
  last_seq: number;
  last_seen_at: number | null;
}

const toAgent = (row: RawAgent): AgentRow => ({
  id: row.id,
  endpointId: row.endpoint_id,
  name: row.name,
  role: row.role,
  department: row.department,
  description: row.description,
  capabilities: JSON.parse(row.capabilities) as string[],
  intents: JSON.parse(row.intents) as Intent[],
  lastSeq: row.last_seq,
  lastSeenAt: row.last_seen_at,
});

export class AgentRepository {
  private readonly upsertStmt;
  private readonly setLabelsStmt;
  private readonly listStmt;
  private readonly getStmt;
  private readonly advanceSeqStmt;
  private readonly touchStmt;
  private readonly nameStmt;
  private readonly shownNamesStmt;
  private readonly setEndpointStmt;
  /** Names by id, read on every incoming message (notifications): cached, and refreshed by upsertFromCard. */
  private readonly names = new Map<string, string>();

  constructor(db: Database) {
    this.setEndpointStmt = db.prepare<[string | null, string]>('UPDATE agents SET endpoint_id = ? WHERE id = ?');
    this.setLabelsStmt = db.prepare<[string, string, string]>('UPDATE agents SET role = ?, department = ? WHERE id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO agents (id, endpoint_id, name, role, department, description, capabilities, intents, first_seen_at, last_seen_at)
       VALUES (@id, @endpointId, @name, @role, @department, @description, @capabilities, @intents, @now, @now)
       ON CONFLICT (id) DO UPDATE SET endpoint_id = excluded.endpoint_id, name = excluded.name, role = excluded.role,
         department = excluded.department, description = excluded.description, capabilities = excluded.capabilities,
         intents = excluded.intents, last_seen_at = excluded.last_seen_at`,
    );
    this.listStmt = db.prepare<[], RawAgent>('SELECT * FROM agents ORDER BY department, name, id');
    this.getStmt = db.prepare<[string], RawAgent>('SELECT * FROM agents WHERE id = ?');
    // MAX keeps last_seq monotonic even if a resent, older frame commits after a newer one.
    this.advanceSeqStmt = db.prepare<[number, number, string]>(
      'UPDATE agents SET last_seq = MAX(last_seq, ?), last_seen_at = ? WHERE id = ?',
    );
    this.touchStmt = db.prepare<[number, string]>('UPDATE agents SET last_seen_at = ? WHERE id = ?');
    this.nameStmt = db.prepare<[string], string>('SELECT name FROM agents WHERE id = ?').pluck();
    this.shownNamesStmt = db.prepare<[], { id: string; name: string }>('SELECT id, name FROM agents');
  }

  /** The operator gave this agent to another endpoint (null: one not kept in the log). */
  setEndpoint(id: string, endpointId: string | null): void {
    this.setEndpointStmt.run(endpointId, id);
  }

  /** The operator relabelled an agent whose card has no role or department (A2A). False when it was never seen. */
  setLabels(id: string, role: string, department: string): boolean {
    return this.setLabelsStmt.run(role, department, id).changes > 0;
  }

  upsertFromCard(card: AgentCard, endpointId: string | null, now: number): void {
    this.upsertStmt.run({
      id: card.id,
      endpointId,
      name: card.name,
      role: card.role,
      department: card.department,
      description: card.description ?? null,
      capabilities: JSON.stringify(card.capabilities),
      intents: JSON.stringify(card.intents),
      now,
    });
    this.names.set(card.id, card.name);
  }

  /** The agent's display name, or undefined if it has never said hello. */
  nameOf(id: string): string | undefined {
    let name = this.names.get(id);
    if (name === undefined) {
      name = this.nameStmt.get(id);
      if (name !== undefined) this.names.set(id, name);
    }
    return name;
  }

  /** Every agent's name as the log shows it, without the rest of the row. */
  shownNames(): { id: string; name: string }[] {
    return this.shownNamesStmt.all();
  }

  list(): AgentRow[] {
    return this.listStmt.all().map(toAgent);
  }

  get(id: string): AgentRow | undefined {
    const row = this.getStmt.get(id);
    return row && toAgent(row);
  }

  /** Call inside the ingest transaction, so last_seq never runs ahead of the messages it stands for. */
  advanceSeq(agentId: string, seq: number, now: number): void {
    this.advanceSeqStmt.run(seq, now, agentId);
  }

  touch(agentId: string, now: number): void {
    this.touchStmt.run(now, agentId);
  }
}
