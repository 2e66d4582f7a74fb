import { useSyncExternalStore } from 'react';

/**
 * Whether the tour is on screen, and at which step. A tiny store outside React, so the palette ("Show the tour")
 * and the first-run check open the same tour without threading props through the app.
 */
export interface TourState {
  open: boolean;
  step: number;
}

let state: TourState = { open: false, step: 0 };
const listeners = new Set<() => void>();

function set(next: TourState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function showTour(): void {
  set({ open: true, step: 0 });
}

export function goToStep(step: number): void {
  set({ ...state, step });
}

export function hideTour(): void {
  set({ open: false, step: 0 });
}

export function useTourState(): TourState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
