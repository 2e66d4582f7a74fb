import { setThemePreference, THEME_LABELS, THEME_PREFERENCES, type ThemePreference, useTheme } from './theme';

/**
 * The theme setting: System (follows the OS), Light or Dark. Compact, in the sidebar's header, so it is always in
 * reach; the tooltip says what System resolves to now.
 */
export function ThemeToggle() {
  const { preference, resolved } = useTheme();
  return (
    <select
      className="theme-toggle"
      aria-label="Theme"
      title={preference === 'system' ? `Theme: System (now ${THEME_LABELS[resolved]})` : `Theme: ${THEME_LABELS[preference]}`}
      value={preference}
      onChange={(event) => setThemePreference(event.target.value as ThemePreference)}
    >
      {THEME_PREFERENCES.map((option) => (
        <option key={option} value={option}>
          {THEME_LABELS[option]}
        </option>
      ))}
    </select>
  );
}
