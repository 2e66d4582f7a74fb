import { useSyncExternalStore } from 'react';

/**
 * Light and dark themes. The operator's choice is System (follow the OS's `prefers-color-scheme`, live), Light or
 * Dark. It is kept in localStorage rather than core settings: it is a display preference of this window, it must be
 * known before the first paint (no flash of the wrong theme), and it needs no channel or migration. The resolved
 * theme is `data-theme` on <html>; styles.css fills the same colour tokens for each.
 */
export type ThemePreference = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];
export const THEME_LABELS: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const STORAGE_KEY = 'twin-console.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

interface ThemeState {
  preference: ThemePreference;
  resolved: ResolvedTheme;
}

const listeners = new Set<() => void>();
let state: ThemeState = { preference: 'system', resolved: 'light' };
let started = false;

function readStored(): ThemePreference {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' || value === 'system' ? value : 'system';
  } catch {
    // Storage can be refused (a locked-down profile): the OS's choice is still right.
    return 'system';
  }
}

function osTheme(): ResolvedTheme {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function apply(preference: ThemePreference): void {
  const resolved = preference === 'system' ? osTheme() : preference;
  document.documentElement.dataset.theme = resolved;
  if (state.preference === preference && state.resolved === resolved) return;
  state = { preference, resolved };
  for (const listener of listeners) listener();
}

/** Applies the kept preference and follows the OS from now on. Call once, before the first render. */
export function startTheme(): void {
  if (started) return;
  started = true;
  apply(readStored());
  if (typeof window.matchMedia === 'function') {
    window.matchMedia(DARK_QUERY).addEventListener('change', () => {
      if (state.preference === 'system') apply('system');
    });
  }
  // Another window of the app changed it: follow, so two windows never disagree.
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) apply(readStored());
  });
}

/** Sets and keeps the theme: for the settings control, the palette, or anything else. */
export function setThemePreference(preference: ThemePreference): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, preference);
  } catch {
    // Not kept, but still applied for this session.
  }
  apply(preference);
}

export function getThemePreference(): ThemePreference {
  return state.preference;
}

export function getResolvedTheme(): ResolvedTheme {
  return state.resolved;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The preference and the theme in effect, re-rendering when either changes (the OS switching included). */
export function useTheme(): ThemeState {
  return useSyncExternalStore(subscribe, () => state);
}

/** A colour token's current value, for canvas drawing (charts) that cannot use var(...). */
export function themeColor(token: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(token).trim();
}
