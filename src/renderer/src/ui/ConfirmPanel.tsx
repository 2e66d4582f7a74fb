import { useEffect, useId, useRef } from 'react';

/**
 * A deliberate confirmation in place (not a native dialog): it says what will happen, and the focus starts on
 * Cancel, so the Enter that opened it cannot also confirm it.
 */
export function ConfirmPanel({
  title,
  detail,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  detail: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  const detailId = useId();
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="confirm-panel"
      role="alertdialog"
      aria-label={title}
      aria-describedby={detailId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <strong>{title}</strong>
      <p id={detailId}>{detail}</p>
      <div className="form-actions">
        <button type="button" className="danger-button" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
