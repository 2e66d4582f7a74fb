import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  type BackupInfo,
  type ExportProgress,
  type HistorySource,
  type HistorySources,
  MARKDOWN_COPY_MAX_CHARS,
  MARKDOWN_COPY_MAX_MESSAGES,
  type MarkdownCopy,
} from '../../../shared/history';
import { markdownMessage } from '../../../shared/markdown-export';
import type { ContractHandlers } from '../contract-dispatch';
import { CoreError } from '../core-error';
import type { EventBus } from '../lib/event-bus';
import type { Logger } from '../logger';
import { type Database, openLogReadOnly } from '../store/database';
import { ExportReader } from '../store/export-reader';
import { MessageWindowRepository } from '../store/message-window-repository';
import { ensurePrivateDir } from '../store/private-files';
import { SearchRepository } from '../store/search-repository';
import { StatsRepository } from '../store/stats-repository';
import { createBackup, listBackups, restoreBackup } from './backup';
import { exportWriter } from './export-formats';
import { runExport } from './exporter';

/**
 * Exports each read the whole scope and write a file: a few at once keep the disk and the event loop shared with
 * ingest; more would only slow every one of them. A limit for all callers together is also one per caller.
 */
export const MAX_RUNNING_EXPORTS = 3;

/** The read side of one log: the console's own, or a file opened for review. Statements are prepared once. */
class LogReaders {
  readonly search: SearchRepository;
  readonly windows: MessageWindowRepository;
  readonly stats: StatsRepository;
  readonly exports: ExportReader;
  constructor(readonly db: Database) {
    this.search = new SearchRepository(db);
    this.windows = new MessageWindowRepository(db);
    this.stats = new StatsRepository(db);
    this.exports = new ExportReader(db);
  }
}

export interface HistoryServiceDeps {
  db: Database;
  dataDir: string;
  /** Path of the live log file (the restore target). */
  file: string;
  events: EventBus;
  logger: Logger;
  now: () => number;
  nativeBinding?: string;
  /** Reveals a file in the OS file manager (Electron's shell.showItemInFolder); absent where there is no desktop. */
  showItemInFolder?: (file: string) => void;
}

export type HistoryChannels =
  | 'search:query'
  | 'messages:around'
  | 'messages:range'
  | 'history:sources'
  | 'history:open-file'
  | 'history:close-file'
  | 'export:start'
  | 'export:cancel'
  | 'export:markdown'
  | 'stats:summary'
  | 'backup:create'
  | 'backup:list'
  | 'backup:restore'
  | 'export:show-in-folder'
  | 'startup:status'
  | 'recovery:salvage'
  | 'recovery:start-fresh';

/**
 * Offline review of the log: search, windows around a message, export, stats, backup and restore, over the live log
 * or one other log file opened read-only. None of it touches the agent links, so all of it works with every agent
 * offline.
 */
export class HistoryService {
  private readonly live: LogReaders;
  private archive: { file: string; readers: LogReaders; migratedCopy: string | null } | null = null;
  private readonly exports = new Map<string, { key: string; cancelled: boolean; last: ExportProgress }>();
  /** The one whole-log copy under way (a backup, or a restore with its own backup first), if any. */
  private copying: { kind: 'backup' | 'restore'; done: Promise<unknown> } | null = null;

  constructor(private readonly deps: HistoryServiceDeps) {
    this.live = new LogReaders(deps.db);
  }

  handlers(): Pick<ContractHandlers, HistoryChannels> {
    return {
      'search:query': ({ source, query, syntax, filters, before, limit }) =>
        this.readers(source).search.search({ query, syntax, filters, before, limit }),
      'messages:around': ({ source, messageId, before, after }) => {
        const window = this.readers(source).windows.around(messageId, before, after);
        if (!window) throw new CoreError('NOT_FOUND', `Message ${messageId} is not in the log.`);
        return window;
      },
      'messages:range': ({ source, conversationId, beforeId, afterId, limit }) => {
        const window = this.readers(source).windows.range(conversationId, limit, { beforeId, afterId });
        if (!window) throw new CoreError('NOT_FOUND', `Message ${beforeId ?? afterId} is not in conversation ${conversationId}.`);
        return window;
      },
      'history:sources': () => this.sources(),
      'history:open-file': ({ file }) => this.openArchive(file),
      'history:close-file': () => {
        this.closeArchive();
        return this.sources();
      },
      'export:start': ({ source, format, scope }) => this.startExport(source, format, scope),
      'export:cancel': ({ exportId }) => {
        const job = this.exports.get(exportId);
        if (!job) throw new CoreError('NOT_FOUND', `No export ${exportId} is running.`);
        job.cancelled = true;
        return job.last;
      },
      'export:markdown': ({ source, conversationId }) => this.markdownCopy(source, conversationId),
      'stats:summary': ({ source }) => this.readers(source).stats.summary(),
      'backup:create': () => this.backupOnce(),
      'backup:list': () => listBackups(this.deps.dataDir),
      'export:show-in-folder': ({ file }) => {
        this.showInFolder(file);
        return {};
      },
      'backup:restore': ({ file }) =>
        this.copyAlone('restore', () =>
          restoreBackup(this.deps.db, this.deps.file, this.deps.dataDir, path.resolve(file), this.deps.now(), this.deps.nativeBinding),
        ),
      'startup:status': () => ({ state: 'ready' as const }),
      'recovery:salvage': () => {
        throw new CoreError('CONFLICT', 'The message log is healthy: use Export instead.');
      },
      'recovery:start-fresh': () => {
        throw new CoreError('CONFLICT', 'The message log is healthy: there is nothing to start fresh from.');
      },
    };
  }

  close(): void {
    for (const job of this.exports.values()) job.cancelled = true;
    this.closeArchive();
  }

  /**
   * One whole-log copy at a time: each reads every page of the log and writes as much, so two at once would only
   * halve each other's speed and double the disk they need. A second backup asked for while one runs joins it: the
   * online backup runs on the console's own connection, whose writes SQLite carries into a backup still under way,
   * so the running one already holds everything the second caller could want. A restore is never joined and never
   * overlaps a backup: it is refused as BUSY, to be asked again once the copy under way is done.
   */
  private backupOnce(): Promise<BackupInfo> {
    if (this.copying?.kind === 'backup') return this.copying.done as Promise<BackupInfo>;
    return this.copyAlone('backup', () => createBackup(this.deps.db, this.deps.dataDir, this.deps.now()));
  }

  private copyAlone<T>(kind: 'backup' | 'restore', copy: () => Promise<T>): Promise<T> {
    if (this.copying) {
      throw new CoreError(
        'BUSY',
        this.copying.kind === 'backup'
          ? 'A backup is being made right now; try again when it has finished (it appears in the list of backups).'
          : 'A restore is under way; try again when it has finished.',
      );
    }
    const done = copy().finally(() => {
      if (this.copying?.done === done) this.copying = null;
    });
    this.copying = { kind, done };
    return done;
  }

  /**
   * A conversation as Markdown for the clipboard, with the export's own formatter, read from the log (not limited to
   * what a window holds). Bounded in messages and characters: a longer conversation gives its newest messages.
   */
  private markdownCopy(source: HistorySource, conversationId: string): MarkdownCopy {
    const reader = this.readers(source).exports;
    const scope = { conversationId };
    const total = reader.count(scope);
    let after = reader.rowidBeforeNewest(scope, MARKDOWN_COPY_MAX_MESSAGES);
    const rows: string[] = [];
    let chars = 0;
    for (;;) {
      const batch = reader.batch(scope, after, 500);
      for (const row of batch) {
        const text = markdownMessage(row.message, row.agentName, row.conversationTitle);
        rows.push(text);
        chars += text.length;
      }
      if (batch.length < 500) break;
      after = batch.at(-1)!.rowid;
    }
    // Over the character bound: drop the oldest until it fits.
    let start = 0;
    while (chars > MARKDOWN_COPY_MAX_CHARS && start < rows.length) chars -= rows[start++]!.length;
    const kept = rows.slice(start);
    return { markdown: kept.join('').trimEnd() + (kept.length > 0 ? '\n' : ''), messages: kept.length, total, truncated: kept.length < total };
  }

  private readers(source: HistorySource): LogReaders {
    if (source === 'live') return this.live;
    if (!this.archive) throw new CoreError('NOT_FOUND', 'No log file is open for review: open one first.');
    return this.archive.readers;
  }

  private sources(): HistorySources {
    return {
      live: { file: this.deps.file },
      archive: this.archive && {
        file: this.archive.file,
        messages: this.archive.readers.stats.summary().totalMessages,
      },
    };
  }

  private openArchive(file: string): HistorySources {
    const resolved = path.resolve(file);
    if (resolved === path.resolve(this.deps.file)) {
      throw new CoreError('CONFLICT', 'That is the live log of this console; it is already open.');
    }
    const opened = openLogReadOnly(resolved, {
      scratchDir: path.join(this.deps.dataDir, 'review'),
      nativeBinding: this.deps.nativeBinding,
    });
    this.closeArchive();
    this.archive = { file: resolved, readers: new LogReaders(opened.db), migratedCopy: opened.migratedCopy };
    return this.sources();
  }

  private closeArchive(): void {
    if (!this.archive) return;
    this.archive.readers.db.close();
    if (this.archive.migratedCopy) fs.rmSync(this.archive.migratedCopy, { force: true });
    this.archive = null;
  }

  /** The page names the file, so only a file directly in the exports folder is revealed: never a path of its choosing. */
  private showInFolder(file: string): void {
    const reveal = this.deps.showItemInFolder;
    if (!reveal) throw new CoreError('CONFLICT', 'Show in folder is for the desktop app; in a browser, download the file instead.');
    const dir = path.join(this.deps.dataDir, 'exports');
    const resolved = path.resolve(dir, path.basename(file));
    if (path.resolve(file) !== resolved || !fs.existsSync(resolved)) throw new CoreError('NOT_FOUND', `No export ${path.basename(file)} in ${dir}.`);
    reveal(resolved);
  }

  private startExport(
    source: HistorySource,
    format: Parameters<typeof exportWriter>[0],
    scope: Parameters<ExportReader['count']>[0],
  ): ExportProgress {
    const readers = this.readers(source);
    // The same export asked for again while it runs (a double click, a second tab) is that export, not another
    // writer racing it for the same file name: the caller gets its id and progress.
    const key = JSON.stringify([source, source === 'archive' ? this.archive?.file : null, format, scope]);
    for (const running of this.exports.values()) if (running.key === key && !running.cancelled) return running.last;
    if (this.exports.size >= MAX_RUNNING_EXPORTS) {
      throw new CoreError(
        'BUSY',
        `${this.exports.size} exports are running, the most at once; wait for one to finish or cancel one, then start this one again.`,
      );
    }
    const exportId = randomUUID();
    const dir = path.join(this.deps.dataDir, 'exports');
    ensurePrivateDir(dir);
    const label = scope.conversationId ?? scope.agentId ?? 'all';
    const stamp = new Date(this.deps.now()).toISOString().replace(/[:.]/g, '-');
    const file = path.join(dir, `twin-console-${label.replace(/[^\w.-]+/g, '_')}-${stamp}.${exportWriter(format).extension}`);
    const first: ExportProgress = { exportId, state: 'running', done: 0, total: 0, file: null, error: null };
    const job = { key, cancelled: false, last: first };
    this.exports.set(exportId, job);
    const report = (progress: ExportProgress) => {
      job.last = progress;
      this.deps.events.emit('export:progressed', progress);
    };
    void runExport({
      exportId,
      reader: readers.exports,
      format,
      scope,
      file,
      onProgress: report,
      isCancelled: () => job.cancelled,
    }).then((final) => {
      if (final.state === 'failed') this.deps.logger.error(`export ${exportId} failed`, final.error);
      report(final);
      this.exports.delete(exportId);
    });
    return first;
  }
}
