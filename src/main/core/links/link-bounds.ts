import type { LinkConfig } from '../link-config';

/**
 * Bounds on what agents can make the console hold in memory, beside the per-frame ones (v1/frame-bounds.ts) and the
 * per-link rates (LinkConfig.flood, badFrames). Without them one connection could open streams without end, each
 * up to half a MiB, or a gateway could announce a fresh 10,000 agent ids on every reconnect.
 */
export interface LinkBounds {
  /** Streams (`delta` ids not yet completed by their `message`) open at once on one link. */
  maxOpenStreams: number;
  /** Characters of streamed text held at once for one link's open streams, all together. */
  maxStreamedChars: number;
  /** Distinct agent ids one endpoint may announce in one run of the console. */
  maxAgentsPerEndpoint: number;
}

export const LINK_BOUNDS: LinkBounds = {
  maxOpenStreams: 256,
  maxStreamedChars: 16 * 1024 * 1024,
  maxAgentsPerEndpoint: 10_000,
};

/** The bounds in force: the defaults, with whatever the config overrides. */
export function linkBoundsOf(config: Pick<LinkConfig, 'bounds'>): LinkBounds {
  return { ...LINK_BOUNDS, ...config.bounds };
}
