import { useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { ExportFormat, ExportProgress, ExportScope, HistorySource } from '@shared/history';
import { api } from '../../lib/api';
import { useEvent } from '../../lib/use-query';

/** One export at a time from this panel: start it, follow `export:progressed`, cancel it. */
export function useExport() {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const exportId = progress?.exportId ?? null;

  useEvent(
    'export:progressed',
    exportId === null
      ? null
      : (update) => {
          if (update.exportId === exportId) setProgress(update);
        },
  );

  return {
    progress,
    error,
    running: progress?.state === 'running',
    async start(format: ExportFormat, scope: ExportScope, source: HistorySource) {
      setError(null);
      const result = await api.export.start({ format, scope, source });
      if (result.ok) setProgress(result.value);
      else setError(result.error);
    },
    async cancel() {
      if (exportId === null) return;
      const result = await api.export.cancel({ exportId });
      if (!result.ok) setError(result.error);
    },
  };
}
