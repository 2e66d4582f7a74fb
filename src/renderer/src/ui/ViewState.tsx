import type { ReactNode } from 'react';
import type { ApiError } from '@shared/contract';
import './view-state.css';

export interface ViewStateProps {
  /** What the view lists, in the operator's words ("alerts", "decisions"): "Loading alerts…", "Could not load alerts". */
  what: string;
  loading?: boolean;
  error?: ApiError | null;
  /** Nothing to show once loaded. */
  empty: boolean;
  /** The empty state: a short title and what to do about it. */
  emptyTitle: string;
  emptyHint: ReactNode;
  /** Offered with the error state. */
  onRetry?: () => void;
  children: ReactNode;
}

/**
 * Every view's three states besides "here is your data", said the same way everywhere: loading, empty (with what to
 * do next) and failed (with what went wrong, and Retry). Once there is data the view shows it, even while it
 * reloads, and a failed reload is said above it rather than hiding what is already there.
 */
export function ViewState({ what, loading = false, error = null, empty, emptyTitle, emptyHint, onRetry, children }: ViewStateProps) {
  const failure = error && (
    <div className="view-state view-state-error" role="alert">
      <p className="view-state-title">Could not load {what}.</p>
      <p className="view-state-hint">{error.code === 'TRANSPORT_FAILED' ? 'The console could not be reached. It reconnects by itself.' : error.message}</p>
      <details className="view-state-details">
        <summary>Details</summary>
        <code>{error.code}</code> {error.message}
      </details>
      {onRetry && (
        <button type="button" className="view-state-action" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
  if (!empty) {
    return (
      <>
        {failure}
        {children}
      </>
    );
  }
  if (failure) return failure;
  if (loading) {
    return (
      <div className="view-state view-state-loading" role="status" aria-live="polite">
        <span className="view-state-spinner" aria-hidden="true" />
        Loading {what}…
      </div>
    );
  }
  return (
    // Static guidance, not news: no live region (the loading and error states are the ones announced).
    <div className="view-state view-state-empty">
      <p className="view-state-title">{emptyTitle}</p>
      <p className="view-state-hint">{emptyHint}</p>
    </div>
  );
}
