import { useEffect, useRef } from 'react';
import { matchesShortcut, SHORTCUTS } from '../shortcuts/shortcut-registry';

export interface Shortcuts {
  togglePalette(): void;
  nextDecision(): void;
  nextUnread(): void;
}

/**
 * The app-wide keyboard shortcuts, matched against the shortcut registry (the one the `?` sheet lists): Ctrl/Cmd+K
 * the palette, Alt+D the next decision, Alt+N the next unread. `?` itself is handled by the sheet's host.
 */
export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (matchesShortcut(SHORTCUTS.palette, event)) run(latest.current.togglePalette);
      else if (matchesShortcut(SHORTCUTS.nextDecision, event)) run(latest.current.nextDecision);
      else if (matchesShortcut(SHORTCUTS.nextUnread, event)) run(latest.current.nextUnread);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
