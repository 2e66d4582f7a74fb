import { useCallback, useMemo, useRef, useState } from 'react';

export interface BulkSelection {
  /** The checked items among those shown now: what a bulk action acts on. */
  readonly checked: ReadonlySet<string>;
  readonly all: boolean;
  readonly some: boolean;
  /** Flips one item; with `range`, sets every item from the last one flipped to this one (shift-click). */
  toggle(id: string, range?: boolean): void;
  setAll(on: boolean): void;
  clear(): void;
}

/**
 * Checkboxes over a list, the way mail apps do them: a click flips one, shift-click extends from the last one
 * clicked, "select all" means all that the current filter shows. Items that leave the list stop counting as checked.
 */
export function useBulkSelection(visibleIds: readonly string[]): BulkSelection {
  const [marked, setMarked] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  const checked = useMemo(() => new Set(visibleIds.filter((id) => marked.has(id))), [visibleIds, marked]);

  const toggle = useCallback(
    (id: string, range = false) => {
      const on = !marked.has(id);
      const from = anchor.current === null ? -1 : visibleIds.indexOf(anchor.current);
      const to = visibleIds.indexOf(id);
      const ids = range && from >= 0 && to >= 0 ? visibleIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
      anchor.current = id;
      setMarked((current) => {
        const next = new Set(current);
        for (const each of ids) {
          if (on) next.add(each);
          else next.delete(each);
        }
        return next;
      });
    },
    [marked, visibleIds],
  );
  const setAll = useCallback((on: boolean) => setMarked(on ? new Set(visibleIds) : new Set()), [visibleIds]);
  const clear = useCallback(() => setMarked(new Set()), []);
  return { checked, all: visibleIds.length > 0 && checked.size === visibleIds.length, some: checked.size > 0, toggle, setAll, clear };
}
