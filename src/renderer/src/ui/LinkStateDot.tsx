import type { LinkState } from '@shared/domain';
import { hostConnection } from '../lib/api';
import { useHostConnection } from '../lib/host-connection';

const LABELS: Record<LinkState, string> = { online: 'Online', connecting: 'Connecting', offline: 'Offline' };

export function LinkStateDot({ state }: { state: LinkState }) {
  // With the console behind the page gone, the last state it reported is stale: say so, not "Online".
  const host = useHostConnection(hostConnection).state;
  if (host === 'lost' || host === 'expired') return <span className="link-dot link-unknown" role="img" title="Unknown" aria-label="Unknown" />;
  return <span className={`link-dot link-${state}`} role="img" title={LABELS[state]} aria-label={LABELS[state]} />;
}

export function linkStateLabel(state: LinkState): string {
  return LABELS[state];
}
