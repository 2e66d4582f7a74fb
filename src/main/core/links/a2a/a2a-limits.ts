/**
 * Bounds on everything an A2A agent sends. The agent is untrusted: each of these stops one way a broken or hostile
 * server could hang the console, fill its memory or flood its log. Tests shrink them; the app uses the defaults.
 */
export interface A2aLimits {
  /** Largest agent card accepted. */
  maxCardBytes: number;
  /** Largest non-streamed response body (a SendMessage result, a task). */
  maxResponseBytes: number;
  /** Most bytes one SSE stream may carry in total, and the most one event may carry. */
  maxStreamBytes: number;
  maxEventBytes: number;
  /** A request (card, send, get, cancel) that has not answered in this long has failed. */
  requestTimeoutMs: number;
  /** A stream silent for this long is cut; one open longer than maxStreamMs is cut however busy it is. */
  streamIdleMs: number;
  maxStreamMs: number;
  /** Stream events beyond this rate (token bucket) end the stream as a flood. */
  eventsPerSecond: number;
  /** Nesting depth of a data part kept in the log; deeper parts are shown as a note instead. */
  maxDataDepth: number;
  /** Longest text kept per reply; the rest is cut with a note. */
  maxTextChars: number;
  /** How often the card is fetched (with ETag) for liveness and RTT. */
  cardPollMs: number;
  /** Most open tasks watched at once per agent; older ones are left to GetTask on the next start. */
  maxOpenTasks: number;
}

export const DEFAULT_A2A_LIMITS: A2aLimits = {
  maxCardBytes: 256 * 1024,
  maxResponseBytes: 2 * 1024 * 1024,
  maxStreamBytes: 8 * 1024 * 1024,
  maxEventBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  streamIdleMs: 120_000,
  maxStreamMs: 30 * 60_000,
  eventsPerSecond: 2_000,
  maxDataDepth: 8,
  maxTextChars: 256 * 1024,
  cardPollMs: 15_000,
  maxOpenTasks: 100,
};
