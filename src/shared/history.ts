/**
 * What the history features (search, jump-to-message, export, stats, backup, recovery) exchange across IPC.
 * Kept apart from domain.ts so the message log's review side grows without touching the chat's shared types.
 */
import { z } from 'zod';
import { Conversation, Message } from './domain';
import { Intent } from './protocol';

/** Which log a history call reads: the console's own, or a file opened read-only for review. */
export const HistorySource = z.enum(['live', 'archive']);
export type HistorySource = z.infer<typeof HistorySource>;

/** Snippet highlight markers: control characters no message text is rendered with, split by the renderer into <mark>. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

const Id = z.string().min(1).max(500);
const Ids = z.array(Id).max(200);
const EpochMs = z.number().int().nonnegative();

export const SearchFilters = z
  .object({
    agentIds: Ids.optional(),
    roles: Ids.optional(),
    departments: Ids.optional(),
    intents: z.array(Intent).max(20).optional(),
    conversationId: Id.optional(),
    /** Inclusive lower bound on the message's time. */
    from: EpochMs.optional(),
    /** Exclusive upper bound on the message's time. */
    to: EpochMs.optional(),
    /** Only messages tied to an alert or a decision. Refused until alerts and decisions are logged. */
    hasAlertOrDecision: z.boolean().optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchRequest = z
  .object({
    source: HistorySource.default('live'),
    query: z.string().max(1000),
    /** `text`: what was typed is searched as words, "phrases" and prefix* only. `fts`: raw FTS5 syntax. */
    syntax: z.enum(['text', 'fts']).default('text'),
    filters: SearchFilters.default({}),
    /** Keyset cursor: hits logged before this position (a previous page's `nextBefore`). */
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const SearchHit = z.object({
  message: Message,
  agentName: z.string().nullable(),
  conversationTitle: z.string().nullable(),
  /** Part of the text around the match, with matches between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = z.object({
  hits: z.array(SearchHit),
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: z.number().nullable(),
});
export type SearchPage = z.infer<typeof SearchPage>;

/** A contiguous run of one conversation, oldest first, for paging both ways. */
export const MessageWindow = z.object({
  conversation: Conversation.nullable(),
  messages: z.array(Message),
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
});
export type MessageWindow = z.infer<typeof MessageWindow>;

export const ExportFormat = z.enum(['markdown', 'json', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportScope = z
  .object({ conversationId: Id.optional(), agentId: Id.optional(), from: EpochMs.optional(), to: EpochMs.optional() })
  .strict();
export type ExportScope = z.infer<typeof ExportScope>;

/** Most messages and characters one Markdown copy of a conversation carries: it goes to the clipboard, not a file. */
export const MARKDOWN_COPY_MAX_MESSAGES = 5_000;
export const MARKDOWN_COPY_MAX_CHARS = 2_000_000;

/** A conversation as Markdown, from the core's export formatter; only its newest messages when it is too long. */
export const MarkdownCopy = z.object({
  markdown: z.string(),
  /** Messages in `markdown`. */
  messages: z.number(),
  /** Messages in the conversation. */
  total: z.number(),
  /** The oldest were left out to stay within the bounds. */
  truncated: z.boolean(),
});
export type MarkdownCopy = z.infer<typeof MarkdownCopy>;

export const ExportProgress = z.object({
  exportId: z.string(),
  state: z.enum(['running', 'finished', 'cancelled', 'failed']),
  done: z.number(),
  total: z.number(),
  /** Where the finished export is; null until it finishes. */
  file: z.string().nullable(),
  error: z.string().nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

export const HistoryStats = z.object({
  totalMessages: z.number(),
  conversations: z.number(),
  firstAt: z.number().nullable(),
  lastAt: z.number().nullable(),
  agents: z.array(
    z.object({
      agentId: z.string(),
      name: z.string().nullable(),
      messages: z.number(),
      incoming: z.number(),
      outgoing: z.number(),
      /** Agent replies that name the operator message they answer (reply_to). */
      replies: z.number(),
      avgResponseMs: z.number().nullable(),
      maxResponseMs: z.number().nullable(),
    }),
  ),
  intents: z.array(z.object({ intent: z.string(), messages: z.number() })),
});
export type HistoryStats = z.infer<typeof HistoryStats>;

export const BackupInfo = z.object({ file: z.string(), bytes: z.number(), at: z.number() });
export type BackupInfo = z.infer<typeof BackupInfo>;

export const HistorySources = z.object({
  live: z.object({ file: z.string() }),
  archive: z.object({ file: z.string(), messages: z.number() }).nullable(),
});
export type HistorySources = z.infer<typeof HistorySources>;

/** Whether the log opened; if not, the renderer shows a recovery screen instead of the app. */
export const StartupStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }),
  z.object({ state: z.literal('database-from-future'), file: z.string(), message: z.string() }),
  z.object({ state: z.literal('database-unreadable'), file: z.string(), message: z.string() }),
]);
export type StartupStatus = z.infer<typeof StartupStatus>;

export const SalvageResult = z.object({ file: z.string(), messages: z.number(), unreadable: z.number() });
export type SalvageResult = z.infer<typeof SalvageResult>;
