import type { ApiError } from '@shared/contract';

/** Shows a failure where it happened, with its code, so nothing fails silently. */
export function ErrorNotice({ error, onDismiss }: { error: ApiError | null; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-notice" role="alert">
      <span className="error-code">{error.code}</span> {error.message}
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss error">
          ×
        </button>
      )}
    </div>
  );
}
