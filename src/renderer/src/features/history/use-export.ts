import { useRef, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { ExportFormat, ExportProgress, ExportScope, HistorySource } from '@shared/history';
import { api } from '../../lib/api';
import { useEvent } from '../../lib/use-query';

/** One export at a time from this panel: start it, follow `export:progressed`, cancel it. */
export function useExport() {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const exportId = progress?.exportId ?? null;

  // Always listening: a small export can finish before `export:start` answers, and its last event must not be lost.
  const early = useRef(new Map<string, ExportProgress>());
  useEvent('export:progressed', (update) => {
    early.current.set(update.exportId, update);
    setProgress((current) => (current?.exportId === update.exportId ? update : current));
  });

  return {
    progress,
    error,
    running: progress?.state === 'running',
    async start(format: ExportFormat, scope: ExportScope, source: HistorySource) {
      setError(null);
      early.current.clear();
      const result = await api.export.start({ format, scope, source });
      // Events that came before the answer are newer than the answer's snapshot.
      if (result.ok) setProgress(early.current.get(result.value.exportId) ?? result.value);
      else setError(result.error);
    },
    async cancel() {
      if (exportId === null) return;
      const result = await api.export.cancel({ exportId });
      if (!result.ok) setError(result.error);
    },
  };
}
