import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../alerts/typing-target';
import { matchesShortcut, SHORTCUTS } from '../shortcuts/shortcut-registry';

export interface Shortcuts {
  togglePalette(): void;
  showShortcuts(): void;
  nextDecision(): void;
  nextUnread(): void;
}

/** The app-wide keyboard shortcuts, matched against the shortcut registry (the same one the `?` sheet lists). */
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
      // "?" is text while typing (and in the palette's field): only elsewhere does it open the sheet.
      else if (matchesShortcut(SHORTCUTS.cheatSheet, event) && !event.defaultPrevented && !isTypingTarget(event.target)) run(latest.current.showShortcuts);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
