import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { isTypingTarget } from './typing-target';
import { undoQueue } from './undo-queue';
import './toast.css';

/** The held actions and the failures of carried-out ones, as the views need them. */
export function useUndoQueue() {
  return useSyncExternalStore(undoQueue.subscribe.bind(undoQueue), undoQueue.getSnapshot);
}

/**
 * The Undo toast: the newest held action with its Undo button and the seconds left, in a polite live region that
 * never takes the focus. `z` or Ctrl/Cmd+Z undoes the newest one from anywhere but a text field (where Ctrl+Z is the
 * field's own undo).
 */
export function UndoToast() {
  const { held: all, failures } = useUndoQueue();
  const held = all.filter((h) => !h.committing);
  const latest = held.at(-1) ?? null;
  const now = useTickWhile(latest !== null);

  const keys = useRef<(event: KeyboardEvent) => void>(() => {});
  keys.current = (event) => {
    if (event.defaultPrevented || event.altKey || event.shiftKey || isTypingTarget(event.target)) return;
    if (event.key.toLowerCase() !== 'z') return;
    if (undoQueue.undo() !== null) event.preventDefault();
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => keys.current(event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="toast-region" role="status" aria-live="polite" aria-label="Notifications">
      {latest && (
        <div className="toast" data-held={latest.id}>
          <span className="toast-text">
            {latest.label}
            {held.length > 1 && <span className="toast-more"> and {held.length - 1} more waiting</span>}
          </span>
          <span className="toast-time" aria-hidden="true">
            {Math.max(1, Math.ceil((latest.dueAt - now) / 1000))} s
          </span>
          <button type="button" className="toast-undo" title="Undo (z or Ctrl+Z)" aria-keyshortcuts="z Control+Z Meta+Z" onClick={() => undoQueue.undo(latest.id)}>
            Undo
          </button>
        </div>
      )}
      {failures.map((failure) => (
        <div className="toast toast-failed" key={failure.id}>
          <span className="toast-text">Could not do: {failure.label}</span>
          <ErrorNotice error={failure.error} onDismiss={() => undoQueue.dismissFailure(failure.id)} />
        </div>
      ))}
    </div>
  );
}

/** The time, every second while `active` (the countdown), and no timer otherwise. */
function useTickWhile(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
