import { setThemePreference, THEME_LABELS, THEME_PREFERENCES, type ThemePreference, useTheme } from './theme';

/** The theme setting: System (follows the OS), Light or Dark, as a labelled select that says what System resolves to. */
export function ThemeToggle() {
  const { preference, resolved } = useTheme();
  return (
    <label className="theme-toggle">
      <span>Theme</span>
      <select value={preference} onChange={(event) => setThemePreference(event.target.value as ThemePreference)} aria-label="Theme">
        {THEME_PREFERENCES.map((option) => (
          <option key={option} value={option}>
            {option === 'system' && preference === 'system' ? `System (${THEME_LABELS[resolved]})` : THEME_LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
