import type { Silence } from '../../../shared/domain';
import type { StoredAlert } from '../store/alert-repository';

/** Whether a silence covers an alert: by its agent, its rule, or its exact dedupe key. */
export function silenceMatches(silence: Silence, alert: StoredAlert): boolean {
  switch (silence.matcher) {
    case 'agent':
      return alert.agentId === silence.value;
    case 'rule':
      return alert.rule === silence.value;
    case 'dedupe_key':
      return alert.dedupeKey === silence.value;
  }
}
