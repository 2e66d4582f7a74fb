import type { AgentMode, AgentModeState } from '../../../shared/domain';
import type { Database } from './database';

interface RawMode {
  agent_id: string;
  mode: AgentMode;
  sent_at: number | null;
  updated_at: number;
}

const toMode = (row: RawMode): AgentModeState => ({ agentId: row.agent_id, mode: row.mode, sentAt: row.sent_at, updatedAt: row.updated_at });

/** Per-agent modes (what the console last told each agent with `set_mode`). */
export class ModeRepository {
  private readonly getStmt;
  private readonly listStmt;
  private readonly putStmt;
  private readonly sentStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare<[string], RawMode>('SELECT * FROM agent_modes WHERE agent_id = ?');
    this.listStmt = db.prepare<[], RawMode>('SELECT * FROM agent_modes');
    this.putStmt = db.prepare<[string, AgentMode, number]>(
      `INSERT INTO agent_modes (agent_id, mode, sent_at, updated_at) VALUES (?, ?, NULL, ?)
       ON CONFLICT (agent_id) DO UPDATE SET mode = excluded.mode, sent_at = NULL, updated_at = excluded.updated_at`,
    );
    this.sentStmt = db.prepare<[number, string]>('UPDATE agent_modes SET sent_at = ? WHERE agent_id = ?');
  }

  get(agentId: string): AgentModeState | undefined {
    const row = this.getStmt.get(agentId);
    return row && toMode(row);
  }

  list(): AgentModeState[] {
    return this.listStmt.all().map(toMode);
  }

  put(agentId: string, mode: AgentMode, at: number): void {
    this.putStmt.run(agentId, mode, at);
  }

  markSent(agentId: string, at: number): void {
    this.sentStmt.run(at, agentId);
  }
}
