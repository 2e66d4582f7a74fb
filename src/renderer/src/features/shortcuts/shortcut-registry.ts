/**
 * Every keyboard shortcut of the app, in one place: the key handlers match events against these definitions and the
 * `?` sheet lists them, so the two cannot disagree. A handler elsewhere needs only
 * `matchesShortcut(SHORTCUTS.x, event)`.
 */

/** One key combination. `code` matches the physical key (Alt+D types "∂" on a Mac); `key` the produced character. */
export interface Chord {
  key?: string;
  code?: string;
  /** What the sheet shows for the key itself ("K", "↓", "?"). */
  label: string;
  /** Ctrl, or ⌘ on a Mac. */
  mod?: boolean;
  alt?: boolean;
  /** Checked only where given: "?" is a shifted key on most layouts but not all. */
  shift?: boolean;
}

export type ShortcutArea = 'Global' | 'Roster' | 'Chat' | 'Alerts' | 'Decisions' | 'Palette';
export const SHORTCUT_AREAS: readonly ShortcutArea[] = ['Global', 'Roster', 'Chat', 'Alerts', 'Decisions', 'Palette'];

export interface Shortcut {
  area: ShortcutArea;
  /** Any of these chords triggers it. */
  chords: readonly Chord[];
  description: string;
}

const key = (k: string, label = k.toUpperCase(), extra: Omit<Chord, 'key' | 'label'> = {}): Chord => ({ key: k, label, ...extra });
const alt = (letter: string): Chord => ({ code: `Key${letter}`, label: letter, alt: true });

export const SHORTCUTS = {
  palette: { area: 'Global', chords: [key('k', 'K', { mod: true })], description: 'Open or close the command palette' },
  cheatSheet: { area: 'Global', chords: [{ key: '?', label: '?' }], description: 'Show these keyboard shortcuts' },
  closeDialog: { area: 'Global', chords: [key('Escape', 'Esc')], description: 'Close a dialog, the palette or a form' },
  nextDecision: { area: 'Decisions', chords: [alt('D')], description: 'Next decision waiting for you' },
  nextUnread: { area: 'Roster', chords: [alt('N')], description: 'Next conversation with unread messages' },
  chatSend: { area: 'Chat', chords: [key('Enter', 'Enter')], description: 'Send the message' },
  chatNewLine: { area: 'Chat', chords: [key('Enter', 'Enter', { shift: true })], description: 'New line in the message' },
  chatMention: { area: 'Chat', chords: [{ key: '@', label: '@' }], description: 'Mention someone: ↑/↓ pick, Enter or Tab insert' },
  alertNext: { area: 'Alerts', chords: [key('j', 'J'), key('ArrowDown', '↓')], description: 'Next alert' },
  alertPrevious: { area: 'Alerts', chords: [key('k', 'K'), key('ArrowUp', '↑')], description: 'Previous alert' },
  alertAcknowledge: { area: 'Alerts', chords: [key('a')], description: 'Acknowledge the selected alert' },
  alertSilence: { area: 'Alerts', chords: [key('s')], description: 'Silence the selected alert' },
  alertResolve: { area: 'Alerts', chords: [key('r')], description: 'Resolve the selected alert' },
  paletteMove: { area: 'Palette', chords: [key('ArrowDown', '↓'), key('ArrowUp', '↑')], description: 'Move through the results' },
  paletteRun: { area: 'Palette', chords: [key('Enter', 'Enter')], description: 'Run the highlighted command' },
  paletteClose: { area: 'Palette', chords: [key('Escape', 'Esc')], description: 'Close the palette' },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function matchesChord(chord: Chord, event: KeyEventLike): boolean {
  if (Boolean(chord.mod) !== (event.ctrlKey || event.metaKey)) return false;
  if (Boolean(chord.alt) !== event.altKey) return false;
  if (chord.shift !== undefined && chord.shift !== event.shiftKey) return false;
  if (chord.code !== undefined) return event.code === chord.code;
  return chord.key !== undefined && event.key.toLowerCase() === chord.key.toLowerCase();
}

export function matchesShortcut(shortcut: Shortcut, event: KeyEventLike): boolean {
  return shortcut.chords.some((chord) => matchesChord(chord, event));
}

export const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The keys of a chord as the sheet and the palette show them: ["Ctrl", "K"], or ["⌘", "K"] on a Mac. */
export function chordKeys(chord: Chord, mac = isMac()): string[] {
  const keys: string[] = [];
  if (chord.mod) keys.push(mac ? '⌘' : 'Ctrl');
  if (chord.alt) keys.push(mac ? '⌥' : 'Alt');
  if (chord.shift) keys.push(mac ? '⇧' : 'Shift');
  keys.push(chord.label);
  return keys;
}

/** "Ctrl+K", for a one-line hint beside a command. */
export function shortcutHint(shortcut: Shortcut, mac = isMac()): string {
  return chordKeys(shortcut.chords[0]!, mac).join(mac ? '' : '+');
}

/** The sheet's sections: every shortcut, grouped by area in a fixed order. */
export function shortcutsByArea(): { area: ShortcutArea; shortcuts: Shortcut[] }[] {
  const all = Object.values(SHORTCUTS) as Shortcut[];
  return SHORTCUT_AREAS.map((area) => ({ area, shortcuts: all.filter((s) => s.area === area) })).filter((g) => g.shortcuts.length > 0);
}
