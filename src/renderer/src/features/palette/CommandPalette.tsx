import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ConfirmPanel } from '../../ui/ConfirmPanel';
import { matchesShortcut, SHORTCUTS } from '../shortcuts/shortcut-registry';
import '../shortcuts/shortcuts.css';
import './palette.css';
import { type PaletteItem, preparePalette, readRecent, rememberRecent, searchPalette } from './palette-items';

const optionId = (index: number) => `palette-option-${index}`;

/**
 * Ctrl/Cmd+K: every view, setting and action, every agent, conversation, alert and decision, found by a fuzzy query.
 * Results are grouped under headings, recent commands first; arrows move, Enter runs, Esc closes.
 */
export function CommandPalette({ items, onClose }: { items: PaletteItem[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [recent, setRecent] = useState(readRecent);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const prepared = useMemo(() => preparePalette(items), [items]);
  const sections = useMemo(() => searchPalette(prepared, query, recent), [prepared, query, recent]);
  // One running index across sections: what the arrows walk and aria-activedescendant names.
  const flat = useMemo(() => sections.flatMap((s) => s.items), [sections]);

  const [confirming, setConfirming] = useState<PaletteItem | null>(null);
  // Back from a cancelled confirmation (or on open), typing goes to the query again.
  useEffect(() => {
    if (confirming === null) input.current?.focus();
  }, [confirming]);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector(`#${optionId(active)}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function run(item: PaletteItem | undefined, confirmed = false) {
    if (!item) return;
    if (item.confirm && !confirmed) {
      setConfirming(item);
      return;
    }
    setRecent(rememberRecent(item.id));
    onClose();
    item.run();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (confirming) return;
    if (matchesShortcut(SHORTCUTS.paletteClose, event)) {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(flat.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (matchesShortcut(SHORTCUTS.paletteRun, event)) {
      event.preventDefault();
      run(flat[active]);
    }
  }

  let index = 0;
  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        {confirming?.confirm && (
          <ConfirmPanel {...confirming.confirm} onConfirm={() => run(confirming, true)} onCancel={() => setConfirming(null)} />
        )}
        <input
          ref={input}
          hidden={confirming !== null}
          aria-label="Command"
          placeholder="Type a command, a view, an agent, an alert…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-results"
          aria-autocomplete="list"
          aria-activedescendant={flat.length > 0 ? optionId(active) : undefined}
        />
        <div ref={list} id="palette-results" role="listbox" aria-label="Results" hidden={confirming !== null}>
          {flat.length === 0 && <p className="muted palette-none">Nothing matches “{query}”.</p>}
          {sections.map((section) => (
            <div key={section.group} role="group" aria-labelledby={`palette-group-${section.group}`}>
              <div className="palette-heading" id={`palette-group-${section.group}`} role="presentation">
                {section.group}
              </div>
              {section.items.map((item) => {
                const i = index++;
                return (
                  <div
                    key={`${section.group}:${item.id}`}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active}
                    className={`palette-option${i === active ? ' active' : ''}`}
                    onMouseMove={() => i !== active && setActive(i)}
                    onClick={() => run(item)}
                  >
                    <span className="palette-label">{item.label}</span>
                    {item.hint && <span className="palette-hint">{item.hint}</span>}
                    {item.shortcut && (
                      <span className="palette-keys" aria-label={`Shortcut ${item.shortcut.join(' ')}`}>
                        {item.shortcut.map((k) => (
                          <kbd key={k}>{k}</kbd>
                        ))}
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <p className="palette-hint-keys" aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> move · <kbd>Enter</kbd> run · <kbd>Esc</kbd> close · <kbd>?</kbd> all shortcuts (outside a field)
        </p>
      </div>
    </div>
  );
}
