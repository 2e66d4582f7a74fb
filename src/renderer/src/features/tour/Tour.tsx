import { useEffect, useRef } from 'react';
import { api } from '../../lib/api';
import { type QuerySpec, queryKey } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';
import type { View } from '../navigation/navigation';
import { goToStep, hideTour, showTour, useTourState } from './tour-store';
import { TOUR_STEPS } from './tour-steps';
import './tour.css';

const tourStateQuery: QuerySpec<{ done: boolean }> = {
  key: queryKey('tour:get-state', {}),
  load: (invoke) => invoke('tour:get-state', {}),
};

/**
 * The first-run tour: a non-modal dialog in a corner that walks through home, a conversation, Needs you, alerts and
 * the palette, showing each view as it goes. The app stays usable under it. Shown once per data dir (the core keeps
 * "done"); Esc or "Skip tour" ends it, and the palette's "Show the tour" brings it back.
 */
export function Tour({ setView }: { setView(view: View): void }) {
  const { open, step } = useTourState();
  const stored = useQuery(tourStateQuery).data;
  const offered = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    if (offered.current || stored === undefined) return;
    offered.current = true;
    if (!stored.done) showTour();
  }, [stored]);

  const current = TOUR_STEPS[step] ?? TOUR_STEPS[0]!;
  useEffect(() => {
    if (!open) return;
    setView(current.view);
  }, [open, current, setView]);

  // Focus follows the tour: its heading on open and on every step; back where it was when the tour ends.
  useEffect(() => {
    if (!open) return;
    returnFocus.current ??= document.activeElement;
    heading.current?.focus();
  }, [open, step]);

  const end = () => {
    hideTour();
    void api.tour.finish();
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus();
  };
  const endRef = useRef(end);
  endRef.current = end;

  useEffect(() => {
    if (!open) return;
    // Esc ends the tour unless another dialog (the palette, a confirmation) is open and owns Esc.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const otherDialog = document.querySelector('[role="dialog"]:not([data-tour]), [role="alertdialog"]');
      if (otherDialog) return;
      endRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!open) return null;
  const last = step === TOUR_STEPS.length - 1;
  return (
    <div className="tour" role="dialog" aria-modal="false" aria-labelledby="tour-title" aria-describedby="tour-body" data-tour="">
      <p className="tour-progress">
        Step {step + 1} of {TOUR_STEPS.length}
      </p>
      <h2 id="tour-title" ref={heading} tabIndex={-1}>
        {current.title}
      </h2>
      <p id="tour-body">{current.body}</p>
      <div className="tour-actions">
        <button type="button" className="tour-skip" onClick={end}>
          Skip tour
        </button>
        <span className="tour-spacer" />
        <button type="button" onClick={() => goToStep(step - 1)} disabled={step === 0}>
          Back
        </button>
        <button type="button" className="tour-next" onClick={() => (last ? end() : goToStep(step + 1))}>
          {last ? 'Done' : 'Next'}
        </button>
      </div>
    </div>
  );
}
