import { useEffect, useRef } from 'react';

export interface Shortcuts {
  togglePalette(): void;
  nextDecision(): void;
  nextUnread(): void;
}

/** The app's keyboard shortcuts: Ctrl/Cmd+K the palette, Alt+D the next decision, Alt+N the next unread. */
export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        latest.current.togglePalette();
      } else if (event.altKey && event.code === 'KeyD') {
        event.preventDefault();
        latest.current.nextDecision();
      } else if (event.altKey && event.code === 'KeyN') {
        event.preventDefault();
        latest.current.nextUnread();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
