import { useCallback } from 'react';
import type { Agent, Decision } from '@shared/domain';
import { nextDecision } from '../decisions/pending';
import type { Navigation } from './use-navigation';

/** "What needs me next": the next waiting decision (Alt+D) and the next conversation with unread messages (Alt+N). */
export function useTriage(nav: Navigation, pending: Decision[], unreadOrder: string[], selected: Agent | null) {
  const { focusDecisionId, showDecision, selectAgent } = nav;
  const goToNextDecision = useCallback(() => {
    const next = nextDecision(pending, focusDecisionId);
    showDecision(next?.id ?? null);
    if (next) requestAnimationFrame(() => document.querySelector(`[data-decision-id="${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  }, [pending, focusDecisionId, showDecision]);
  const goToNextUnread = useCallback(() => {
    const next = unreadOrder.find((id) => id !== selected?.id) ?? unreadOrder[0];
    if (next) selectAgent(next);
  }, [unreadOrder, selected, selectAgent]);
  return { nextDecision: goToNextDecision, nextUnread: goToNextUnread };
}
