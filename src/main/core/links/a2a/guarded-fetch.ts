/**
 * The fetch every A2A request goes through (the SDK's transports and the card poll alike). It does not parse
 * anything: JSON-RPC and SSE stay the SDK's. It bounds what an untrusted server can do at the HTTP level:
 *  - requests and redirects go only to the endpoint's origin and the interfaces its card names (a credential never
 *    leaves for another host);
 *  - a request that has not answered within the timeout is aborted;
 *  - a body larger than its limit is cut; an SSE body is also cut when silent too long or open too long;
 * Each violation is reported with a code, so the link can say why an agent is down in words an operator can act on.
 */
import type { A2aLimits } from './a2a-limits';

export type WireProblem = 'REDIRECT_OFF_HOST' | 'TIMEOUT' | 'TOO_LARGE' | 'STREAM_IDLE' | 'STREAM_TOO_LONG' | 'NOT_A2A';

export class WireError extends Error {
  constructor(
    readonly problem: WireProblem,
    message: string,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

export interface GuardedFetchOptions {
  /** Origins requests may go to: the endpoint's, and those of the interfaces its card names. */
  origins: () => ReadonlySet<string>;
  limits: A2aLimits;
  /** Headers that carry the credential (Authorization, or the card's API key header). */
  authHeaders: () => Record<string, string>;
  /** Told of each violation as it happens; the SDK may wrap the thrown error beyond recognition. */
  onProblem: (error: WireError) => void;
  fetchImpl?: typeof fetch;
}

const MAX_REDIRECTS = 3;
/** Errors that prove the request never reached the server: it is safe to send again without a duplicate. */
const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** What became of a request, keyed by the signal the caller passed: whether it reached the server, and its status. */
export interface Outcome {
  reached: boolean;
  status: number | null;
  /** A bound this request broke (the SDK may report it only as an abort). */
  problem?: WireError;
}

export interface GuardedFetch {
  fetch: typeof fetch;
  /** The outcome of the last request made with this signal; undefined if none was made. */
  outcome(signal: AbortSignal): Outcome | undefined;
}

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function guardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const outcomes = new WeakMap<AbortSignal, Outcome>();
  const fetchImpl = guarded(options, (signal, outcome) => {
    if (signal) outcomes.set(signal, { reached: false, status: null, ...outcomes.get(signal), ...outcome });
  });
  return { fetch: fetchImpl, outcome: (signal) => outcomes.get(signal) };
}

type RecordOutcome = (signal: AbortSignal | null | undefined, outcome: Partial<Outcome>) => void;

function guarded(options: GuardedFetchOptions, record: RecordOutcome): typeof fetch {
  const base = options.fetchImpl ?? fetch;
  return async (input, init = {}) => {
    const fail = (error: WireError): never => {
      record(init.signal, { problem: error });
      options.onProblem(error);
      throw error;
    };
    let url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const controller = new AbortController();
    const outer = init.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new WireError('TIMEOUT', `no answer within ${options.limits.requestTimeoutMs} ms`));
    }, options.limits.requestTimeoutMs);
    const done = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    };
    try {
      for (let hop = 0; ; hop++) {
        if (!options.origins().has(url.origin)) {
          fail(new WireError('REDIRECT_OFF_HOST', hop === 0 ? `the card points at another host (${url.host}); not called` : `redirected to another host (${url.host}); not followed`));
        }
        const headers = new Headers(init.headers);
        for (const [k, v] of Object.entries(options.authHeaders())) headers.set(k, v);
        let response: Response;
        try {
          response = await base(url, { ...init, headers, signal: controller.signal, redirect: 'manual' });
        } catch (error) {
          const code = codeOf(error);
          record(outer, { reached: !timedOut && !(code !== undefined && UNREACHED.has(code)), status: null });
          if (timedOut) {
            record(outer, { reached: true, status: null });
            fail(new WireError('TIMEOUT', `no answer within ${options.limits.requestTimeoutMs} ms`));
          }
          throw error;
        }
        record(outer, { reached: true, status: response.status });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          if (hop >= MAX_REDIRECTS) fail(new WireError('NOT_A2A', 'too many redirects'));
          url = new URL(location, url);
          continue;
        }
        const type = response.headers.get('content-type') ?? '';
        if (/text\/html/i.test(type)) {
          await response.body?.cancel();
          fail(new WireError('NOT_A2A', `answered HTML (HTTP ${response.status}), not A2A`));
        }
        const declared = Number(response.headers.get('content-length') ?? '0');
        const streaming = /text\/event-stream/i.test(type);
        const limit = streaming ? options.limits.maxStreamBytes : init.method === 'GET' ? options.limits.maxCardBytes : options.limits.maxResponseBytes;
        if (declared > limit) {
          await response.body?.cancel();
          fail(new WireError('TOO_LARGE', `response of ${declared} bytes is over the ${limit}-byte limit`));
        }
        if (streaming) clearTimeout(timer);
        return bounded(response, limit, streaming, options, controller, done, (problem) => record(outer, { problem }));
      }
    } catch (error) {
      done();
      throw error;
    }
  };
}

/** The same response with a body that errors past its byte limit, or (a stream) when silent or open too long. */
function bounded(
  response: Response,
  limit: number,
  streaming: boolean,
  options: GuardedFetchOptions,
  controller: AbortController,
  done: () => void,
  onCut: (error: WireError) => void,
): Response {
  if (!response.body) {
    done();
    return response;
  }
  let total = 0;
  let idle: NodeJS.Timeout | undefined;
  let lifetime: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(idle);
    clearTimeout(lifetime);
    done();
  };
  // Whoever stops reading (the SDK at the end of a stream, the link on close) aborts; the timers go with it.
  controller.signal.addEventListener('abort', stop, { once: true });
  const cut = (error: WireError, into: TransformStreamDefaultController<Uint8Array>) => {
    if (controller.signal.aborted) return;
    onCut(error);
    options.onProblem(error);
    into.error(error);
    controller.abort(error);
  };
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(into) {
        if (!streaming) return;
        const { streamIdleMs, maxStreamMs } = options.limits;
        lifetime = setTimeout(() => cut(new WireError('STREAM_TOO_LONG', `stream open over ${maxStreamMs} ms`), into), maxStreamMs);
        idle = setTimeout(() => cut(new WireError('STREAM_IDLE', `stream silent for ${streamIdleMs} ms`), into), streamIdleMs);
      },
      transform(chunk, into) {
        total += chunk.byteLength;
        if (total > limit) return cut(new WireError('TOO_LARGE', `response over the ${limit}-byte limit`), into);
        if (idle) idle.refresh();
        into.enqueue(chunk);
      },
      flush: stop,
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
