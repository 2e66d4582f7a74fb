import type { ExportScope } from '../../../shared/history';
import type { Database } from './database';
import { type RawMessage, toMessage } from './message-repository';

export interface ExportRow {
  rowid: number;
  message: ReturnType<typeof toMessage>;
  agentName: string | null;
  conversationTitle: string | null;
}

interface RawExportRow extends RawMessage {
  agent_name: string | null;
  conversation_title: string | null;
}

/**
 * Reads an export's messages in log order, one keyset batch at a time, so an export of a million messages holds one
 * batch in memory, never the result set. The SQL shape depends only on which scope fields are set.
 */
export class ExportReader {
  private readonly statements = new Map<string, ReturnType<Database['prepare']>>();

  constructor(private readonly db: Database) {}

  count(scope: ExportScope): number {
    const { where, params } = conditions(scope);
    const row = this.statement(`SELECT count(*) AS n FROM messages m WHERE ${where}`).get(params) as { n: number };
    return row.n;
  }

  /** The rowid just before the newest `newest` messages of the scope (0 when it holds no more than that). */
  rowidBeforeNewest(scope: ExportScope, newest: number): number {
    const { where, params } = conditions(scope);
    const row = this.statement(`SELECT m.rowid AS id FROM messages m WHERE ${where} ORDER BY m.rowid DESC LIMIT 1 OFFSET @skip`).get({
      ...params,
      skip: newest,
    }) as { id: number } | undefined;
    return row?.id ?? 0;
  }

  batch(scope: ExportScope, afterRowid: number, size: number): ExportRow[] {
    const { where, params } = conditions(scope);
    const rows = this.statement(
      `SELECT m.rowid, m.*, a.name AS agent_name, c.title AS conversation_title
       FROM messages m LEFT JOIN agents a ON a.id = m.agent_id LEFT JOIN conversations c ON c.id = m.conversation_id
       WHERE m.rowid > @after AND ${where} ORDER BY m.rowid LIMIT @size`,
    ).all({ ...params, after: afterRowid, size }) as RawExportRow[];
    return rows.map((row) => ({
      rowid: row.rowid,
      message: toMessage(row),
      agentName: row.agent_name,
      conversationTitle: row.conversation_title,
    }));
  }

  private statement(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

function conditions(scope: ExportScope): { where: string; params: Record<string, unknown> } {
  const where = ['1'];
  const params: Record<string, unknown> = {};
  if (scope.conversationId !== undefined) {
    where.push('m.conversation_id = @conversationId');
    params.conversationId = scope.conversationId;
  }
  if (scope.agentId !== undefined) {
    where.push('m.agent_id = @agentId');
    params.agentId = scope.agentId;
  }
  if (scope.from !== undefined) {
    where.push('m.created_at >= @from');
    params.from = scope.from;
  }
  if (scope.to !== undefined) {
    where.push('m.created_at < @to');
    params.to = scope.to;
  }
  return { where: where.join(' AND '), params };
}
