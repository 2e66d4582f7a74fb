import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ConfirmPanel } from '../../ui/ConfirmPanel';
import './palette.css';
import { type PaletteItem, searchPalette } from './palette-items';

/** Ctrl/Cmd+K: jump to an agent, conversation, alert or decision, or run an action. Arrows move, Enter runs, Esc closes. */
export function CommandPalette({ items, onClose }: { items: PaletteItem[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const results = useMemo(() => searchPalette(items, query), [items, query]);

  const [confirming, setConfirming] = useState<PaletteItem | null>(null);
  // Back from a cancelled confirmation (or on open), typing goes to the query again.
  useEffect(() => {
    if (confirming === null) input.current?.focus();
  }, [confirming]);
  useEffect(() => setActive(0), [query]);

  function run(item: PaletteItem | undefined, confirmed = false) {
    if (!item) return;
    if (item.confirm && !confirmed) {
      setConfirming(item);
      return;
    }
    onClose();
    item.run();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (confirming) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(results.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(results[active]);
    }
  }

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        {confirming?.confirm && (
          <ConfirmPanel
            {...confirming.confirm}
            onConfirm={() => run(confirming, true)}
            onCancel={() => setConfirming(null)}
          />
        )}
        <input
          ref={input}
          hidden={confirming !== null}
          aria-label="Command"
          placeholder="Jump to an agent, conversation, alert, decision, or run an action…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-results"
        />
        <ul id="palette-results" role="listbox" aria-label="Results" hidden={confirming !== null}>
          {results.length === 0 && <li className="muted palette-none">Nothing matches.</li>}
          {results.map((item, i) => (
            <li
              key={item.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(item)}
            >
              <span className="palette-group">{item.group}</span>
              <span className="palette-label">{item.label}</span>
              {item.hint && <span className="palette-hint">{item.hint}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
