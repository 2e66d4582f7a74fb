import type { LinkHealth, LinkState } from '@shared/domain';

/**
 * The one mapping from a link to what the operator sees: the roster dot, the chat header, Home and Connections all
 * read it, so a link that is up but silent is never a green "Online" in one place and "degraded" in another. Each
 * status differs by shape as well as colour (styles.css: filled, diamond, half, ring, dashed ring) and has its words.
 */
export type LinkStatus = 'online' | 'degraded' | 'connecting' | 'offline' | 'unknown';

export const LABELS: Record<LinkStatus, string> = { online: 'Online', degraded: 'Degraded', connecting: 'Connecting', offline: 'Offline', unknown: 'Unknown' };

/** What something on a link is, from its socket state and its heartbeat's liveness. */
export function linkStatusOf(linkState: LinkState, health?: Pick<LinkHealth, 'liveness'> | null): LinkStatus {
  if (linkState !== 'online') return linkState;
  // Connected but silent past the threshold: the socket is up, the agent may not be.
  return health?.liveness === 'degraded' || health?.liveness === 'offline' ? 'degraded' : 'online';
}

export function linkStatusLabel(status: LinkStatus): string {
  return LABELS[status];
}
