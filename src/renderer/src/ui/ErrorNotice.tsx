import type { ApiError } from '@shared/contract';

/** Codes an operator can act on, said in words; the raw code stays in a "Details" disclosure for support. */
const HEADLINES: Record<string, string> = {
  NOT_CONNECTED: 'The agent is not connected.',
  TRANSPORT_FAILED: 'The console could not be reached.',
  CONFLICT: 'This changed in the meantime.',
  NOT_FOUND: 'This no longer exists.',
  INVALID_REQUEST: 'Some of what was entered is not valid.',
};

/** Shows a failure where it happened, in words, so nothing fails silently; the code is one click away. */
export function ErrorNotice({ error, onDismiss }: { error: ApiError | null; onDismiss?: () => void }) {
  if (!error) return null;
  // Validation messages are written for developers (paths, schema words): lead with a sentence an operator reads.
  const technical = error.code === 'INVALID_REQUEST' || error.code === 'INTERNAL';
  const headline = technical ? (HEADLINES[error.code] ?? 'Something went wrong.') : error.message;
  return (
    <div className="error-notice" role="alert">
      <span className="error-text">{headline}</span>
      <details className="error-details">
        <summary>Details</summary>
        <span className="error-code">{error.code}</span> {error.message}
      </details>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss error">
          ×
        </button>
      )}
    </div>
  );
}
