import { useSyncExternalStore } from 'react';
import type { ExportFormat } from '@shared/history';

export type HistoryTab = 'search' | 'export' | 'stats' | 'files';

/** "Open History on this tab (and start this export)": asked by the palette, carried out by the History view. */
export interface HistoryRequest {
  tab: HistoryTab;
  /** Start an export of every message in this format as soon as the Export tab shows. */
  exportFormat?: ExportFormat;
  /** Each request is new, even when it asks for the same thing again. */
  seq: number;
}

let current: HistoryRequest | null = null;
let handledSeq = 0;
const listeners = new Set<() => void>();

export function requestHistory(request: Omit<HistoryRequest, 'seq'>): void {
  current = { ...request, seq: (current?.seq ?? 0) + 1 };
  listeners.forEach((notify) => notify());
}

/** The newest request, for the History view to follow; it stays until the next one. */
export function useHistoryRequest(): HistoryRequest | null {
  return useSyncExternalStore(
    (notify) => {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
    () => current,
  );
}

/** True the first time a request is seen: a History view mounted later must not redo (say, re-export) an old one. */
export function consumeHistoryRequest(seq: number): boolean {
  if (seq <= handledSeq) return false;
  handledSeq = seq;
  return true;
}
