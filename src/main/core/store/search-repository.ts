import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchFilters, type SearchPage } from '../../../shared/history';
import { CoreError } from '../core-error';
import { toFtsQuery } from './search-query';
import type { Database } from './database';
import { SearchIndexer } from './search-indexer';
import { type RawMessage, toMessage } from './message-repository';

export interface SearchOptions {
  query: string;
  syntax: 'text' | 'fts';
  filters: SearchFilters;
  before?: number;
  limit: number;
}

interface RawHit extends RawMessage {
  snippet: string | null;
  agent_name: string | null;
  conversation_title: string | null;
}

/**
 * The "has an alert or a decision" filter: the timeline notes the console logs when an agent raises an alert or
 * proposes a decision (core/timeline/timeline-notes.ts), marked in their `data`.
 */
export function alertOrDecisionCondition(): string | null {
  return "json_extract(m.data, '$.console_note') IN ('alert', 'decision')";
}

/**
 * Full-text search, newest first. The FTS index drives the query (CROSS JOIN pins it as the outer loop) and yields
 * rowids in descending order without sorting, so the first 50 hits cost the same in a log of a thousand messages or
 * a million; filters are checked per hit on the joined rows.
 */
export class SearchRepository {
  private readonly statements = new Map<string, ReturnType<Database['prepare']>>();

  private readonly indexer: SearchIndexer | null;

  constructor(private readonly db: Database) {
    // A read-only log (another machine's, opened for review) cannot be written: rows it has in its backlog are not
    // searchable there. A live log always is: every search first indexes what the log holds and the index lacks.
    this.indexer = db.readonly ? null : new SearchIndexer(db);
  }

  search(options: SearchOptions): SearchPage {
    this.indexer?.catchUp();
    const match = options.syntax === 'fts' ? options.query.trim() : toFtsQuery(options.query);
    if (match === null || match === '') {
      throw new CoreError('INVALID_REQUEST', 'Nothing to search for: type at least one letter or digit.');
    }
    const where = ['messages_fts MATCH @match'];
    const params: Record<string, unknown> = { match, limit: options.limit + 1 };
    const f = options.filters;
    if (options.before !== undefined) {
      where.push('f.rowid < @before');
      params.before = options.before;
    }
    if (f.agentIds?.length) {
      where.push('m.agent_id IN (SELECT value FROM json_each(@agentIds))');
      params.agentIds = JSON.stringify(f.agentIds);
    }
    if (f.roles?.length) {
      where.push('a.role IN (SELECT value FROM json_each(@roles))');
      params.roles = JSON.stringify(f.roles);
    }
    if (f.departments?.length) {
      where.push('a.department IN (SELECT value FROM json_each(@departments))');
      params.departments = JSON.stringify(f.departments);
    }
    if (f.intents?.length) {
      where.push('m.intent IN (SELECT value FROM json_each(@intents))');
      params.intents = JSON.stringify(f.intents);
    }
    if (f.conversationId !== undefined) {
      where.push('m.conversation_id = @conversationId');
      params.conversationId = f.conversationId;
    }
    if (f.from !== undefined) {
      where.push('m.created_at >= @from');
      params.from = f.from;
    }
    if (f.to !== undefined) {
      where.push('m.created_at < @to');
      params.to = f.to;
    }
    if (f.hasAlertOrDecision) {
      const condition = alertOrDecisionCondition();
      if (condition === null) {
        throw new CoreError(
          'INVALID_REQUEST',
          'The "has an alert or decision" filter is not available yet: this console does not log alerts and decisions.',
        );
      }
      where.push(`(${condition})`);
    }
    const sql = `
      SELECT m.rowid, m.*, snippet(messages_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet,
        a.name AS agent_name, c.title AS conversation_title
      FROM messages_fts f
      CROSS JOIN messages m ON m.rowid = f.rowid
      LEFT JOIN agents a ON a.id = m.agent_id
      LEFT JOIN conversations c ON c.id = m.conversation_id
      WHERE ${where.join(' AND ')}
      ORDER BY f.rowid DESC
      LIMIT @limit`;
    let rows: RawHit[];
    try {
      rows = this.statement(sql).all(params) as RawHit[];
    } catch (error) {
      throw asQueryError(error, options.syntax);
    }
    const more = rows.length > options.limit;
    const page = rows.slice(0, options.limit);
    return {
      hits: page.map((row) => ({
        message: toMessage(row),
        agentName: row.agent_name,
        conversationTitle: row.conversation_title,
        snippet: row.snippet ?? '',
      })),
      nextBefore: more ? (page.at(-1)?.rowid ?? null) : null,
    };
  }

  private statement(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

/** Raw FTS syntax can be wrong in many ways; each becomes a readable INVALID_REQUEST, never a crash or INTERNAL. */
function asQueryError(error: unknown, syntax: 'text' | 'fts'): unknown {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return error;
  if (syntax === 'fts' && /fts5|syntax error|no such column|unterminated|malformed MATCH/i.test(error.message)) {
    return new CoreError('INVALID_REQUEST', `The search expression is not valid FTS5 syntax (${error.message}).`);
  }
  return error;
}
