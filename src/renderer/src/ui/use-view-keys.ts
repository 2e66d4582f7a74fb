import { type RefObject, useEffect, useRef } from 'react';

/**
 * A triage view's keys, working as soon as it opens. Opening the view moves the focus into it (as a route change
 * does), so Enter and Space are the view's, not the tab's that opened it; the focus stays put when it is already
 * somewhere in the view. The handler is read at each key, so it always sees the current render's state.
 */
export function useViewKeys(view: RefObject<HTMLElement | null>, onKey: (event: KeyboardEvent) => void): void {
  const latest = useRef(onKey);
  latest.current = onKey;
  useEffect(() => {
    if (!view.current?.contains(document.activeElement)) view.current?.focus({ preventScroll: true });
  }, [view]);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => latest.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
