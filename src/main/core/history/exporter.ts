import fs from 'node:fs';
import type { ExportFormat, ExportProgress, ExportScope } from '../../../shared/history';
import type { ExportReader } from '../store/export-reader';
import { openPrivateFile } from '../store/private-files';
import { exportWriter } from './export-formats';

export interface ExportJob {
  exportId: string;
  reader: ExportReader;
  format: ExportFormat;
  scope: ExportScope;
  /** Final path. The export is written beside it as `.partial` and renamed only once complete. */
  file: string;
  onProgress(progress: ExportProgress): void;
  isCancelled(): boolean;
  batchSize?: number;
}

/**
 * Streams an export to disk at constant memory: one keyset batch is read, formatted into one string, written, and
 * dropped. Between batches it yields to the event loop, so the console keeps ingesting and answering, progress
 * reaches the window, and a cancel takes effect within one batch. A cancelled or failed export leaves no file.
 */
export async function runExport(job: ExportJob): Promise<ExportProgress> {
  const writer = exportWriter(job.format);
  const partial = `${job.file}.partial`;
  const total = job.reader.count(job.scope);
  const progress = (state: ExportProgress['state'], done: number, error: string | null = null): ExportProgress => ({
    exportId: job.exportId,
    state,
    done,
    total,
    file: state === 'finished' ? job.file : null,
    error,
  });
  let done = 0;
  const fd = openPrivateFile(partial);
  try {
    fs.writeSync(fd, writer.head);
    let after = 0;
    job.onProgress(progress('running', 0));
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (job.isCancelled()) {
        fs.closeSync(fd);
        fs.rmSync(partial, { force: true });
        return progress('cancelled', done);
      }
      const rows = job.reader.batch(job.scope, after, job.batchSize ?? 2000);
      if (rows.length === 0) break;
      let chunk = '';
      for (const row of rows) chunk += writer.row(row, done++);
      fs.writeSync(fd, chunk);
      after = rows.at(-1)!.rowid;
      job.onProgress(progress('running', done));
    }
    fs.writeSync(fd, writer.tail);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, job.file);
    return progress('finished', done);
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed on the cancel path.
    }
    fs.rmSync(partial, { force: true });
    return progress('failed', done, (error as Error).message);
  }
}
