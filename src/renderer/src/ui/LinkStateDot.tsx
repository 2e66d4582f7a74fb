import type { LinkHealth, LinkState } from '@shared/domain';
import { LABELS, type LinkStatus, linkStatusOf } from './link-status';
import { hostConnection } from '../lib/api';
import { useHostConnection } from '../lib/host-connection';

export { type LinkStatus, linkStatusLabel, linkStatusOf } from './link-status';

/** The status as shown right now: with the console behind the page gone, the last state it reported is stale. */
export function useLinkStatus(linkState: LinkState, health?: Pick<LinkHealth, 'liveness'> | null): LinkStatus {
  const host = useHostConnection(hostConnection).state;
  return host === 'lost' || host === 'expired' ? 'unknown' : linkStatusOf(linkState, health);
}

export function LinkStateDot({ state, health }: { state: LinkState; health?: Pick<LinkHealth, 'liveness'> | null }) {
  const status = useLinkStatus(state, health);
  return <span className={`link-dot link-${status}`} role="img" title={LABELS[status]} aria-label={LABELS[status]} data-link-status={status} />;
}

/** The dot and its word, for places with room for both (chat header, Connections). */
export function LinkStateText({ state, health }: { state: LinkState; health?: Pick<LinkHealth, 'liveness'> | null }) {
  const status = useLinkStatus(state, health);
  return (
    <span className={`link-status link-status-${status}`} data-link-status={status}>
      <span className={`link-dot link-${status}`} aria-hidden="true" title={LABELS[status]} />
      {LABELS[status]}
    </span>
  );
}

/** The status's word alone, beside a dot that already has its label (Connections rows). */
export function LinkStateWord({ state, health }: { state: LinkState; health?: Pick<LinkHealth, 'liveness'> | null }) {
  return <>{LABELS[useLinkStatus(state, health)]}</>;
}
