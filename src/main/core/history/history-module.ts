import { performance } from 'node:perf_hooks';
import { DisposableStore } from '../lib/disposables';
import { SearchIndexer } from '../store/search-indexer';
import { HistoryService, type HistoryServiceDeps } from './history-service';
import { DEFAULT_SEARCH_INDEX_SCHEDULE, SearchIndexScheduler } from './search-index-scheduler';

/**
 * Offline review of the log (search, windows with marks, export, stats, backup and restore, another log opened
 * read-only) and the search index that trails the log by a moment, so ingest never waits for FTS
 * (see store/migrations/006-search-backlog.ts).
 */
export function createHistoryModule(deps: HistoryServiceDeps) {
  const { logger } = deps;
  const disposables = new DisposableStore((error) => logger.error('closing the history module failed', error));
  const history = new HistoryService(deps);
  const indexer = new SearchIndexer(deps.db);
  // Idle detection measures durations: the monotonic clock, not the injected time of day.
  const scheduler = new SearchIndexScheduler(indexer, () => performance.now(), DEFAULT_SEARCH_INDEX_SCHEDULE, (error) =>
    logger.error('search indexing failed; it is retried, and searches index what they need first', error),
  );
  return {
    handlers: history.handlers(),
    start(): void {
      disposables.add(() => history.close());
      disposables.add(() => {
        try {
          // A log left with its index caught up can be copied and reviewed elsewhere as it is.
          indexer.catchUp();
        } catch (error) {
          logger.error('could not finish search indexing on close; it resumes on the next start', error);
        }
      });
      scheduler.start();
      disposables.add(() => scheduler.stop());
      disposables.add(deps.events.on('message:changed', () => scheduler.noteActivity()));
    },
    close: () => disposables.dispose(),
  };
}

export type HistoryModule = ReturnType<typeof createHistoryModule>;
