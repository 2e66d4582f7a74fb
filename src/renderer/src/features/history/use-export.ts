import { useRef, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { ExportFormat, ExportProgress, ExportScope, HistorySource } from '@shared/history';
import { api } from '../../lib/api';
import { useEvent } from '../../lib/use-query';

/**
 * One export at a time from this panel: start it, follow `export:progressed`, cancel it. Progress is heard from before
 * the start call answers: a small export can finish before its id is known here, and its last update must not be lost.
 */
export function useExport() {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const exportId = progress?.exportId ?? null;
  // The newest update of each recent export, for the one whose start call has not answered yet.
  const heard = useRef(new Map<string, ExportProgress>());

  useEvent('export:progressed', (update) => {
    heard.current.delete(update.exportId);
    heard.current.set(update.exportId, update);
    if (heard.current.size > 8) heard.current.delete(heard.current.keys().next().value!);
    setProgress((current) => (current?.exportId === update.exportId ? update : current));
  });

  return {
    progress,
    error,
    running: progress?.state === 'running',
    async start(format: ExportFormat, scope: ExportScope, source: HistorySource) {
      setError(null);
      const result = await api.export.start({ format, scope, source });
      // Events that came before the answer are newer than the answer's snapshot.
      if (result.ok) setProgress(heard.current.get(result.value.exportId) ?? result.value);
      else setError(result.error);
    },
    async cancel() {
      if (exportId === null) return;
      const result = await api.export.cancel({ exportId });
      if (!result.ok) setError(result.error);
    },
  };
}
