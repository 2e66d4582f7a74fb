import { useEffect, useRef } from 'react';

/**
 * The app opens on what needs the operator: a waiting decision first, else a critical alert, else the chat. Decided
 * once, from the first attention counts, and only while the operator has not moved yet: it never takes the screen away.
 */
export function useFirstScreen(input: {
  counts: { pendingDecisions: number; criticalAlerts: number } | null;
  view: string;
  go(view: 'decisions' | 'alerts'): void;
}): void {
  const decided = useRef(false);
  const start = useRef(input.view);
  const { counts, view, go } = input;
  useEffect(() => {
    if (decided.current) return;
    if (view !== start.current) {
      decided.current = true;
      return;
    }
    if (counts === null) return;
    decided.current = true;
    if (counts.pendingDecisions > 0) go('decisions');
    else if (counts.criticalAlerts > 0) go('alerts');
  }, [counts, view, go]);
}
