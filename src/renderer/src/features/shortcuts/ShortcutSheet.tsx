import { Fragment, useEffect, useRef } from 'react';
import { chordKeys, shortcutsByArea } from './shortcut-registry';
import './shortcuts.css';

/** The `?` cheat-sheet: every shortcut by area, read from the registry the key handlers use. Esc or Close shuts it. */
export function ShortcutSheet({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Focus returns where it was (the roster, a list) when the sheet closes.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    return () => before?.focus();
  }, []);
  const groups = shortcutsByArea();
  return (
    <div className="shortcut-backdrop" onMouseDown={onClose}>
      <div
        className="shortcut-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-sheet-title"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Tab') {
            // Modal: Close is the one control, so focus stays on it rather than wandering behind the backdrop.
            e.preventDefault();
            close.current?.focus();
          }
        }}
      >
        <header>
          <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
          <button ref={close} type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </header>
        <div className="shortcut-areas">
          {groups.map(({ area, shortcuts }) => (
            <section key={area} aria-labelledby={`shortcuts-${area}`}>
              <h3 id={`shortcuts-${area}`}>{area}</h3>
              <dl>
                {shortcuts.map((s) => (
                  <div key={s.description} className="shortcut-row">
                    <dt>
                      {s.chords.map((chord, i) => (
                        <Fragment key={i}>
                          {i > 0 && <span className="shortcut-or"> or </span>}
                          {chordKeys(chord).map((k, j) => (
                            <kbd key={j}>{k}</kbd>
                          ))}
                        </Fragment>
                      ))}
                    </dt>
                    <dd>{s.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="shortcut-note">Single-letter keys work when you are not typing in a field.</p>
      </div>
    </div>
  );
}
