import { z } from 'zod';
import type { ContractHandlers } from '../contract-dispatch';
import type { Database } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';

export type OnboardingHandlers = Pick<ContractHandlers, 'tour:get-state' | 'tour:finish'>;

const TOUR_KEY = 'onboarding.tour';
const TourState = z.object({ done: z.boolean() });

/**
 * The first-run tour's one fact: finished (or skipped) or not. Kept in the log's settings, so the tour shows once per
 * data dir, whatever tab or window opens it. `tourDone` starts it finished (tests, screenshots, scripted runs).
 */
export function createOnboardingModule(deps: { db: Database; tourDone?: boolean }) {
  const settings = new SettingsRepository(deps.db);
  if (deps.tourDone) settings.put(TOUR_KEY, { done: true });
  const finish = () => {
    settings.put(TOUR_KEY, { done: true });
    return { done: true };
  };
  const handlers: OnboardingHandlers = {
    'tour:get-state': () => settings.get(TOUR_KEY, TourState, { done: false }),
    'tour:finish': finish,
  };
  return { handlers, close(): void {} };
}
