import type { LinkState } from '@shared/domain';

const LABELS: Record<LinkState, string> = { online: 'Online', connecting: 'Connecting', offline: 'Offline' };

export function LinkStateDot({ state }: { state: LinkState }) {
  return <span className={`link-dot link-${state}`} title={LABELS[state]} aria-label={LABELS[state]} />;
}

export function linkStateLabel(state: LinkState): string {
  return LABELS[state];
}
