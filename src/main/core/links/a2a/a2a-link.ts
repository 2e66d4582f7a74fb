/**
 * The A2A link: the seam's second implementation, for http:// and https:// endpoints. It reads the agent card,
 * builds the official SDK's client from it, and carries one agent. There is no socket to keep open, so liveness
 * and RTT come from fetching the card again (with its ETag) every cardPollMs: one failed fetch shows the agent
 * degraded, two in a row take the link down and it redials with the same capped, jittered backoff as v1.
 */
import { performance } from 'node:perf_hooks';
import { A2A_PROTOCOL_VERSION, A2A_VERSION_HEADER } from '@a2a-js/sdk';
import { type Client, ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory, RestTransportFactory } from '@a2a-js/sdk/client';
import type { LinkHealth, LinkState, Liveness, Message } from '../../../../shared/domain';
import type { AgentCard, ErrorCode } from '../../../../shared/protocol';
import { backoffDelay } from '../../lib/backoff';
import type { InboundEvent, Link, LinkContext, LinkEndpoint, Receipt, UnscopedControlFrame } from '../link';
import { type A2aCardSummary, agentIdOf, cardUrlOf, readCard, toConsoleCard } from './a2a-card';
import { type A2aLimits, DEFAULT_A2A_LIMITS } from './a2a-limits';
import { badCardReason, cardHttpError, credentialRefused, describe } from './a2a-errors';
import { A2aRequests } from './a2a-requests';
import type { A2aStore } from './a2a-store';
import { type GuardedFetch, guardedFetch, WireError } from './guarded-fetch';

export interface A2aLinkDeps {
  store: A2aStore;
  limits?: Partial<A2aLimits>;
  fetchImpl?: typeof fetch;
}

export class A2aLink implements Link {
  readonly endpoint: LinkEndpoint;
  state: LinkState = 'offline';
  lastError: string | null = null;
  readonly agents = new Map<string, AgentCard>();
  /** The card as last read, for the agent detail (version, provider, protocol versions). */
  summary: A2aCardSummary | null = null;

  private readonly agentId: string;
  private readonly limits: A2aLimits;
  private readonly wire: GuardedFetch;
  private readonly requests: A2aRequests;
  private client: Client | null = null;
  private etag: string | null = null;
  private closed = true;
  private dialing = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private liveness: Liveness = 'offline';
  private rttMs: number | null = null;
  private lastSeenAt: number | null = null;
  private nextAttemptAt: number | null = null;
  private attempt = 0;
  private readonly badInputs = new Map<string, number>();

  constructor(
    private readonly ctx: LinkContext,
    deps: A2aLinkDeps,
  ) {
    this.endpoint = ctx.endpoint;
    this.agentId = agentIdOf(ctx.endpoint.url);
    this.limits = { ...DEFAULT_A2A_LIMITS, ...deps.limits };
    const origin = new URL(ctx.endpoint.url).origin;
    this.wire = guardedFetch({
      origins: () => new Set([origin, ...(this.summary?.interfaceOrigins ?? [])]),
      limits: this.limits,
      authHeaders: () => this.authHeaders(),
      onProblem: (error) => this.ctx.logger.warn(`a2a ${origin}: ${error.message}`),
      ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
    });
    this.requests = new A2aRequests({
      agentId: this.agentId,
      agentName: () => this.summary?.name ?? this.agentId,
      client: () => this.client,
      streaming: () => this.summary?.streaming === true,
      wire: this.wire,
      store: deps.store,
      limits: this.limits,
      now: ctx.now,
      emit: (event) => this.emit(event),
      down: (reason) => this.down(reason),
      badInput: (code, message) => this.badInput(code, message),
    });
  }

  start(): void {
    this.closed = false;
    void this.dial();
  }

  close(): void {
    if (this.closed && this.state === 'offline') return;
    this.closed = true;
    this.clearTimers();
    this.requests.reset();
    this.client = null;
    this.setState('offline');
  }

  retryNow(): boolean {
    if (this.closed || !this.reconnectTimer) return false;
    this.clearTimers();
    void this.dial();
    return true;
  }

  health(): LinkHealth {
    return {
      liveness: this.state === 'online' ? this.liveness : 'offline',
      rttMs: this.rttMs,
      lastSeenAt: this.lastSeenAt,
      nextAttemptAt: this.nextAttemptAt,
      attempt: this.attempt,
      badFrames: Object.fromEntries(this.badInputs),
    };
  }

  sendMessage(message: Message): boolean {
    if (this.state !== 'online' || !this.client || message.agentId !== this.agentId) return false;
    this.requests.enqueue(message);
    return true;
  }

  /** decision_result answers an input request (see TaskRun.askOperator); set_mode has no A2A meaning. */
  sendControl(agentId: string, frame: UnscopedControlFrame): boolean {
    if (this.state !== 'online' || agentId !== this.agentId || frame.type !== 'decision_result') return false;
    // A mode policy may approve decisions on its own, but only a person can answer an agent's question.
    if (frame.auto) return true;
    return this.requests.answerDecision(frame.id, frame.outcome, frame.comment);
  }

  /** A2A has no acks: a reply is settled by its HTTP exchange. */
  acknowledge(_receipts: readonly Receipt[]): void {}

  /** An A2A agent has no error channel back: a refused event is counted in health and logged. */
  refuse(_agentId: string, ref: string | undefined, code: ErrorCode, message: string): void {
    this.badInputs.set(code, (this.badInputs.get(code) ?? 0) + 1);
    this.ctx.logger.warn(`A2A agent ${this.endpoint.url}: refused ${ref ?? 'an event'} (${code}): ${message}`);
  }

  /** Cancels the agent task an operator message started. False when none is open. */
  cancelWork(requestId: string): Promise<boolean> {
    return this.requests.cancelTask(requestId);
  }

  private async dial(): Promise<void> {
    const attempt = ++this.dialing;
    this.setState('connecting');
    try {
      const summary = await this.fetchCard();
      if (this.closed || attempt !== this.dialing) return;
      this.client = await this.factory().createFromAgentCard(summary.card);
      this.attempt = 0;
      this.nextAttemptAt = null;
      this.liveness = 'online';
      this.announce(summary);
      this.setState('online');
      this.ctx.sink.ready(this);
      this.requests.resume();
      this.schedulePoll();
    } catch (error) {
      if (this.closed || attempt !== this.dialing) return;
      if (error instanceof WireError && error.problem !== 'TIMEOUT') this.badInput(error.problem, error.message);
      this.down(error instanceof CardError ? error.message : describe(error));
    }
  }

  /** Takes the link down, stops what is in flight, and redials after the backoff. */
  private down(reason: string): void {
    if (this.closed) return;
    this.dialing++;
    this.requests.reset();
    this.client = null;
    this.clearTimers();
    this.lastError = reason;
    const delay = backoffDelay(this.attempt++, this.ctx.config.backoff, this.ctx.config.jitter);
    this.nextAttemptAt = this.ctx.now() + delay;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.nextAttemptAt = null;
      void this.dial();
    }, delay);
    this.setState('offline');
  }

  private async fetchCard(): Promise<A2aCardSummary> {
    const started = performance.now();
    const headers: Record<string, string> = { [A2A_VERSION_HEADER]: A2A_PROTOCOL_VERSION, Accept: 'application/json' };
    if (this.etag && this.summary) headers['If-None-Match'] = this.etag;
    const response = await this.wire.fetch(cardUrlOf(this.endpoint.url), { method: 'GET', headers, signal: AbortSignal.timeout(this.limits.requestTimeoutMs) });
    this.rttMs = Math.round((performance.now() - started) * 100) / 100;
    this.lastSeenAt = this.ctx.now();
    if (response.status === 304 && this.summary) return this.summary;
    if (response.status === 401 || response.status === 403) throw new CardError(credentialRefused(response.status));
    if (!response.ok) throw new CardError(cardHttpError(response.status));
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (error instanceof WireError) throw this.badInput(error.problem, describe(error));
      throw this.badInput('BAD_CARD', badCardReason('not JSON'));
    }
    try {
      const summary = readCard(json);
      this.etag = response.headers.get('etag');
      return summary;
    } catch (error) {
      throw this.badInput('BAD_CARD', badCardReason(error instanceof Error ? error.message : ''));
    }
  }

  private schedulePoll(): void {
    this.pollTimer = setTimeout(() => void this.poll(), this.limits.cardPollMs);
    this.pollTimer.unref();
  }

  private async poll(): Promise<void> {
    this.pollTimer = null;
    const dialing = this.dialing;
    try {
      const summary = await this.fetchCard();
      if (this.closed || dialing !== this.dialing) return;
      if (summary !== this.summary) this.announce(summary);
      this.setLiveness('online');
      this.ctx.sink.healthChanged(this);
    } catch (error) {
      if (this.closed || dialing !== this.dialing) return;
      if (this.liveness === 'online') this.setLiveness('degraded');
      else return this.down(error instanceof CardError ? error.message : describe(error));
    }
    this.schedulePoll();
  }

  private announce(summary: A2aCardSummary): void {
    this.summary = summary;
    const card = toConsoleCard(this.agentId, summary, { role: this.endpoint.role ?? null, department: this.endpoint.department ?? null });
    this.agents.set(this.agentId, card);
    const { refused } = this.ctx.sink.announced(this, [card]);
    // The id is derived from the URL, so only another endpoint at the same agent can own it: the operator decides.
    for (const { agentId, reason } of refused) {
      this.agents.delete(agentId);
      this.lastError = reason;
    }
  }

  private emit(event: InboundEvent): void {
    if (this.closed) return;
    this.lastSeenAt = this.ctx.now();
    this.ctx.sink.inbound(this, this.agentId, event);
  }

  private badInput(code: string, message: string): CardError {
    this.badInputs.set(code, (this.badInputs.get(code) ?? 0) + 1);
    this.lastError = message;
    this.ctx.logger.warn(`a2a ${this.endpoint.url}: ${message}`);
    this.ctx.sink.healthChanged(this);
    return new CardError(message);
  }

  private authHeaders(): Record<string, string> {
    const token = this.endpoint.token;
    if (!token) return {};
    const auth = this.summary?.auth ?? { header: 'Authorization', prefix: 'Bearer ' };
    return { [auth.header]: `${auth.prefix}${token}` };
  }

  private factory(): ClientFactory {
    const legacy = { legacyCompat: { enabled: true } };
    const options = { fetchImpl: this.wire.fetch, ...legacy };
    return new ClientFactory(
      ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
        transports: [new JsonRpcTransportFactory(options), new RestTransportFactory(options)],
      }),
    );
  }

  private setLiveness(liveness: Liveness): void {
    if (this.liveness === liveness) return;
    this.liveness = liveness;
    this.ctx.sink.healthChanged(this);
  }

  private setState(state: LinkState): void {
    if (state === 'online') this.lastError = null;
    if (this.state === state && state !== 'offline') return;
    this.state = state;
    this.ctx.sink.stateChanged(this);
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.reconnectTimer = null;
    this.pollTimer = null;
    this.nextAttemptAt = null;
  }
}

/** A card problem already described for the operator. */
class CardError extends Error {}
