import { DEFAULT_MAX_FRAME_BYTES, type Intent } from '../../shared/protocol';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './lib/backoff';

/**
 * Everything that tunes the agent links, with defaults chosen for a desktop talking to agents over the internet.
 * Tests and benchmarks shrink the timings; the app uses the defaults.
 */
export interface LinkConfig {
  /** Sent in `welcome` so agents can tell consoles apart. */
  consoleId: string;
  /** Largest text frame accepted; larger ones are answered with FRAME_TOO_LARGE (default 1 MiB). */
  maxFrameBytes: number;
  backoff: BackoffPolicy;
  /** Source of the backoff's full jitter, uniform in [0, 1). Tests pin it; the app uses Math.random. */
  jitter: () => number;
  /** A connection that has not said hello this long after the upgrade is closed (HELLO_TIMEOUT) and redialed. */
  helloTimeoutMs: number;
  /** How often the console pings each link. */
  heartbeatMs: number;
  /** Silent (no frame of any kind) this long: the link is shown degraded. */
  degradedAfterMs: number;
  /** Silent this long: the link is considered dead, dropped and redialed. */
  offlineAfterMs: number;
  /** More than `threshold` bad frames within `windowMs` closes the link (1008, or 1009 when the last was oversize). */
  badFrames: { threshold: number; windowMs: number };
  /** Frames beyond this rate (token bucket per link) are answered with RATE_LIMITED and dropped unacked. */
  flood: { framesPerSecond: number; burst: number };
  /** Overrides of the bounds on open streams and on the roster (defaults and meaning: links/link-bounds.ts). */
  bounds?: Partial<{ maxOpenStreams: number; maxStreamedChars: number; maxAgentsPerEndpoint: number }>;
  /**
   * Seconds an agent has to reply (`reply_to`) to an operator message, per intent; null: no reply expected.
   * The clock starts when the message goes on the wire.
   */
  replyTimeoutsS: Record<Intent, number | null>;
  /**
   * Batching of incoming commits: whichever comes first. maxDelayMs 0 commits at the end of each read burst (group
   * commit, see CommitBatcher), which keeps fan-in latency near one fsync and lets batches grow under load.
   */
  ingest: { maxBatch: number; maxDelayMs: number };
}

export const DEFAULT_REPLY_TIMEOUTS_S: Record<Intent, number | null> = {
  chat: 120,
  get_roadmap: 300,
  assign_task: 600,
  request_knowledge: 300,
  share_insights: null,
  request_review: 600,
  provide_feedback: null,
  health_check: 30,
  capability_query: 30,
};

export const DEFAULT_LINK_CONFIG: Omit<LinkConfig, 'consoleId'> = {
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  backoff: DEFAULT_BACKOFF,
  jitter: Math.random,
  helloTimeoutMs: 10_000,
  heartbeatMs: 10_000,
  degradedAfterMs: 25_000,
  offlineAfterMs: 45_000,
  badFrames: { threshold: 100, windowMs: 10_000 },
  flood: { framesPerSecond: 10_000, burst: 20_000 },
  replyTimeoutsS: DEFAULT_REPLY_TIMEOUTS_S,
  ingest: { maxBatch: 1000, maxDelayMs: 0 },
};

export type LinkConfigOverrides = Partial<Omit<LinkConfig, 'replyTimeoutsS'>> & {
  replyTimeoutsS?: Partial<Record<Intent, number | null>>;
};

export function resolveLinkConfig(consoleId: string, overrides: LinkConfigOverrides = {}): LinkConfig {
  const config: LinkConfig = {
    ...DEFAULT_LINK_CONFIG,
    consoleId,
    ...overrides,
    replyTimeoutsS: { ...DEFAULT_REPLY_TIMEOUTS_S, ...overrides.replyTimeoutsS },
  };
  if (!(config.degradedAfterMs < config.offlineAfterMs)) {
    throw new Error('link config: degradedAfterMs must be below offlineAfterMs');
  }
  return config;
}
