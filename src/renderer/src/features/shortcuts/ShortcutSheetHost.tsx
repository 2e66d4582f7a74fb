import { useEffect } from 'react';
import { isTypingTarget } from '../../ui/typing-target';
import { matchesShortcut, SHORTCUTS } from './shortcut-registry';
import { closeShortcutSheet, openShortcutSheet, useShortcutSheetOpen } from './shortcut-sheet-store';
import { ShortcutSheet } from './ShortcutSheet';

/** `?` anywhere but a field opens the sheet of every shortcut; mounted once by the app. */
export function ShortcutSheetHost() {
  const open = useShortcutSheetOpen();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // "?" is text while typing (and in the palette's field): only elsewhere does it open the sheet.
      if (event.defaultPrevented || !matchesShortcut(SHORTCUTS.cheatSheet, event) || isTypingTarget(event.target)) return;
      event.preventDefault();
      openShortcutSheet();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return open ? <ShortcutSheet onClose={closeShortcutSheet} /> : null;
}
