import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';

export interface MentionCandidate {
  id: string;
  name: string;
}

/** What is typed for a member: the name without spaces (`@CMOTwin`), which the core matches like the id. */
export const mentionHandle = (name: string) => name.replace(/[^A-Za-z0-9]+/g, '');

/** The `@word` being typed at the caret, if any. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[^\w@])@([\w-]*)$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() } : null;
}

/**
 * A message box where Enter sends and Shift+Enter adds a line, and typing `@` offers the members by name (arrows
 * choose, Enter or Tab insert, Escape closes): a combobox in ARIA terms, so a screen reader hears the choices.
 */
export function MentionTextarea({
  value,
  onChange,
  onSubmit,
  candidates,
  label,
  placeholder,
  role = 'combobox',
}: {
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  candidates: MentionCandidate[];
  label: string;
  placeholder?: string;
  /**
   * `textbox` keeps the box a multi-line text field that offers a list (the way Slack's composer is announced), for
   * a box that is first of all where a message is written; `combobox` is the ARIA 1.2 pattern.
   */
  role?: 'combobox' | 'textbox';
}) {
  const box = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const mention = mentionAt(value, caret);
  const query = mention?.query ?? null;
  const suggestions = useMemo(() => {
    if (query === null) return [];
    const q = query.replace(/[^a-z0-9]/g, '');
    return candidates.filter((c) => mentionHandle(c.name).toLowerCase().includes(q) || c.id.toLowerCase().includes(query)).slice(0, 8);
  }, [query, candidates]);
  const open = mention !== null && suggestions.length > 0 && dismissed !== mention.start;

  function insert(candidate: MentionCandidate) {
    if (!mention) return;
    const before = value.slice(0, mention.start);
    const after = value.slice(caret);
    const text = `@${mentionHandle(candidate.name)} `;
    onChange(`${before}${text}${after}`);
    const at = before.length + text.length;
    requestAnimationFrame(() => {
      box.current?.setSelectionRange(at, at);
      setCaret(at);
    });
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        insert(suggestions[Math.min(active, suggestions.length - 1)]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed(mention!.start);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSubmit();
    }
  }

  return (
    <div className="mention-box">
      <textarea
        ref={box}
        aria-label={label}
        placeholder={placeholder}
        rows={2}
        value={value}
        role={role === 'combobox' ? 'combobox' : undefined}
        aria-autocomplete="list"
        aria-expanded={role === 'combobox' ? open : undefined}
        // A text field may only point at a list that is there; a combobox names its (closed) popup too.
        aria-controls={role === 'combobox' || open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="mention-suggestions" id={listId} role="listbox" aria-label="Mention suggestions">
          {suggestions.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(c);
              }}
            >
              <strong>{c.name}</strong> <span className="muted">@{mentionHandle(c.name)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
