import type { ExportFormat } from '../../../shared/history';
import { markdownMessage } from '../../../shared/markdown-export';
import type { ExportRow } from '../store/export-reader';

/** How one export format is written as a stream: a head, each row, the separator between rows, and a tail. */
export interface ExportWriter {
  extension: string;
  head: string;
  row(row: ExportRow, index: number): string;
  tail: string;
}

export const CSV_COLUMNS = [
  'id',
  'created_at',
  'conversation_id',
  'conversation_title',
  'agent_id',
  'agent_name',
  'direction',
  'from',
  'to',
  'intent',
  'priority',
  'status',
  'reply_to',
  'text',
  'data',
] as const;

export function exportWriter(format: ExportFormat): ExportWriter {
  switch (format) {
    case 'json':
      // A JSON array written piece by piece: valid JSON for any reader, yet never built in memory.
      return {
        extension: 'json',
        head: '[\n',
        row: (row, index) =>
          `${index === 0 ? '' : ',\n'}${JSON.stringify({ ...row.message, agentName: row.agentName, conversationTitle: row.conversationTitle })}`,
        tail: '\n]\n',
      };
    case 'csv':
      return {
        extension: 'csv',
        head: `${CSV_COLUMNS.join(',')}\r\n`,
        row: ({ message: m, agentName, conversationTitle }) =>
          `${[
            m.id,
            new Date(m.createdAt).toISOString(),
            m.conversationId,
            conversationTitle,
            m.agentId,
            agentName,
            m.direction,
            m.from,
            m.to,
            m.intent,
            m.priority,
            m.status,
            m.replyTo,
            m.text,
            m.data === null ? null : JSON.stringify(m.data),
          ]
            .map(csvField)
            .join(',')}\r\n`,
        tail: '',
      };
    case 'markdown':
      return {
        extension: 'md',
        head: '# Twin Console export\n\n',
        row: ({ message, agentName, conversationTitle }) => markdownMessage(message, agentName, conversationTitle),
        tail: '',
      };
  }
}

/** RFC 4180: quote a field that holds a comma, quote, CR or LF, doubling its quotes. Null is an empty field. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
