/**
 * The traffic of one A2A agent: operator messages out, in order, one accepted before the next goes; their tasks
 * followed to the end (streamed where the agent streams, polled with GetTask where it does not); open tasks
 * resumed after a restart; input-required answered with the task's id; running tasks cancelled.
 *
 * What a failed send means decides what happens next: settled with its reason, or kept in the outbox and sent again
 * later, marked "may have been delivered twice" where it may have reached the agent (a2a-failures.ts).
 */
import type { SendMessageRequest, StreamResponse } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import type { Message } from '../../../../shared/domain';
import type { InboundEvent } from '../link';
import { isTerminal, type TaskStateName, toA2aMessage } from './a2a-content';
import type { A2aLimits } from './a2a-limits';
import type { A2aStore } from './a2a-store';
import { BadInput, TaskRun } from './a2a-task-run';
import { describe } from './a2a-errors';
import { runFailure, sendFailure } from './a2a-failures';
import type { GuardedFetch } from './guarded-fetch';

export interface A2aRequestsHost {
  agentId: string;
  agentName(): string;
  client(): Client | null;
  streaming(): boolean;
  wire: GuardedFetch;
  store: A2aStore;
  limits: A2aLimits;
  now: () => number;
  emit(event: InboundEvent): void;
  /** The connection failed: go down and redial. */
  down(reason: string): void;
  /** The agent broke a rule: count it against the agent, by code. */
  badInput(code: string, message: string): void;
}

/** A task waiting for the operator's answer, by conversation, and the Needs-you decision that asks it (once asked). */
interface Waiting {
  taskId: string;
  decisionId?: string;
}

export class A2aRequests {
  private readonly queue: Message[] = [];
  private readonly queued = new Set<string>();
  private pumping = false;
  /** Bumped whenever the link goes down: work started before then stops at its next step. */
  private epoch = 0;
  private readonly controllers = new Set<AbortController>();
  private readonly waiting = new Map<string, Waiting>();
  /** Answers given from Needs you: sent, but not in the log. */
  private readonly answers = new Set<string>();
  /** Running tasks by the request message that started them, for cancel. */
  private readonly running = new Map<string, string>();

  constructor(private readonly host: A2aRequestsHost) {}

  enqueue(message: Message): void {
    if (this.queued.has(message.id)) return;
    this.queued.add(message.id);
    this.queue.push(message);
    void this.pump();
  }

  /** The link went down or closed: stop everything in flight; the outbox resends what was not accepted. */
  reset(): void {
    this.epoch++;
    this.queue.length = 0;
    this.queued.clear();
    for (const c of this.controllers) c.abort(new Error('link down'));
    this.controllers.clear();
  }

  /** After a (re)connect: follow every task that was open when the console last stopped, or the link dropped. */
  resume(): void {
    for (const task of this.host.store.openTasks(this.host.agentId).slice(-this.host.limits.maxOpenTasks)) {
      const run = this.newRun(task.conversationId, task.requestId, task.taskId);
      if (task.state === 'input-required') this.waiting.set(task.conversationId, { taskId: task.taskId });
      void this.follow(run, this.epoch);
    }
  }

  /** Cancels the running task a request started. False when it started none that is still open. */
  async cancelTask(requestId: string): Promise<boolean> {
    const taskId = this.running.get(requestId);
    const task = this.host.store.openTasks(this.host.agentId).find((t) => t.requestId === requestId || t.taskId === taskId);
    const client = this.host.client();
    if (!task || !client) return false;
    const result = await client.cancelTask({ tenant: '', id: task.taskId, metadata: undefined }, { signal: AbortSignal.timeout(this.host.limits.requestTimeoutMs) });
    // A stream still open on the task reports the end too; the reply id is the same, so it is logged once.
    this.newRun(task.conversationId, task.requestId, task.taskId).handleResult(result);
    return true;
  }

  /** The operator answered an input request from Needs you: approved with the answer as comment, or rejected. */
  answerDecision(decisionId: string, outcome: 'approved' | 'rejected', comment: string | undefined): boolean {
    const entry = [...this.waiting.entries()].find(([, w]) => decisionId.includes(`:${w.taskId}:input`));
    if (!entry) return false;
    const [conversationId, waiting] = entry;
    const task = this.host.store.openTasks(this.host.agentId).find((t) => t.taskId === waiting.taskId);
    if (outcome === 'rejected' || !comment) {
      if (task) void this.cancelTask(task.requestId).catch((e: unknown) => this.host.badInput('CANCEL_FAILED', String(e)));
      return true;
    }
    // Not in the log (the decision is): its replies answer the request that started the task.
    const answer: Message = {
      id: `${decisionId}:answer`.slice(0, 200),
      conversationId,
      agentId: this.host.agentId,
      direction: 'out',
      from: 'operator',
      to: this.host.agentId,
      intent: 'chat',
      text: comment,
      data: null,
      priority: 'normal',
      replyTo: task?.requestId ?? null,
      status: 'sent',
      createdAt: this.host.now(),
    };
    this.answers.add(answer.id);
    this.enqueue(answer);
    return true;
  }

  /**
   * The agent took the operator's answer to its question: the Needs-you card is settled, once, whichever way the
   * answer came. From the card it is already decided, and the result is now delivered (acked, so it is not sent
   * again on reconnect); typed in the conversation, the core settles the card with the typed text.
   */
  private settleQuestion(waiting: Waiting, message: Message): void {
    if (!waiting.decisionId) return;
    if (this.answers.has(message.id)) this.host.emit({ type: 'ack', id: waiting.decisionId });
    else this.host.emit({ type: 'decision_answered', id: waiting.decisionId, comment: message.text ?? '' });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    const epoch = this.epoch;
    try {
      while (this.queue.length > 0 && epoch === this.epoch) {
        const accepted = await this.deliver(this.queue[0]!, epoch);
        if (!accepted || epoch !== this.epoch) return;
        this.queued.delete(this.queue.shift()!.id);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Sends one message; resolves true once the agent accepted it (its first event or its result). */
  private deliver(message: Message, epoch: number): Promise<boolean> {
    const client = this.host.client();
    if (!client) return Promise.resolve(false);
    const waiting = this.waiting.get(message.conversationId);
    const requestId = this.answers.has(message.id) && message.replyTo !== null ? message.replyTo : message.id;
    const run = this.newRun(message.conversationId, requestId, waiting?.taskId ?? null, waiting !== undefined);
    const controller = this.track();
    const request: SendMessageRequest = { tenant: '', message: toA2aMessage(message, waiting?.taskId), configuration: undefined, metadata: undefined };
    return new Promise<boolean>((resolve) => {
      let accepted = false;
      const accept = () => {
        if (accepted) return;
        accepted = true;
        if (waiting) {
          this.waiting.delete(message.conversationId);
          this.settleQuestion(waiting, message);
        }
        this.host.emit({ type: 'ack', id: message.id });
        resolve(true);
      };
      void (async () => {
        try {
          if (this.host.streaming()) {
            await this.consume(client.sendMessageStream(request, { signal: controller.signal }), run, epoch, accept);
          } else {
            run.handleResult(await client.sendMessage(request, { signal: controller.signal }));
          }
          accept();
          if (!run.done && run.taskId && epoch === this.epoch) await this.follow(run, epoch);
        } catch (thrown) {
          if (epoch !== this.epoch) return resolve(false);
          const error = this.host.wire.outcome(controller.signal)?.problem ?? thrown;
          if (!accepted && this.failedSend(message, error, controller.signal)) return resolve(false);
          accept();
          this.problem(run, error);
        } finally {
          this.controllers.delete(controller);
        }
      })();
    });
  }

  /** Follows a known task to its end: GetTask, then SubscribeToTask where the agent streams, else GetTask again. */
  private async follow(run: TaskRun, epoch: number): Promise<void> {
    const client = this.host.client();
    if (!client || !run.taskId) return;
    const controller = this.track();
    const id = run.taskId;
    try {
      const deadline = this.host.now() + this.host.limits.maxStreamMs;
      run.handleResult(await client.getTask({ tenant: '', id, historyLength: 0 }, { signal: controller.signal }));
      for (let pause = 250; !run.done && epoch === this.epoch && this.host.now() < deadline; pause = Math.min(pause * 2, 5_000)) {
        if (this.host.streaming()) {
          await this.consume(client.resubscribeTask({ tenant: '', id }, { signal: controller.signal }), run, epoch, () => {});
          if (run.done || epoch !== this.epoch) break;
        }
        await new Promise((r) => setTimeout(r, pause).unref());
        run.handleResult(await client.getTask({ tenant: '', id, historyLength: 0 }, { signal: controller.signal }));
      }
    } catch (error) {
      if (epoch === this.epoch) this.problem(run, this.host.wire.outcome(controller.signal)?.problem ?? error);
    } finally {
      this.controllers.delete(controller);
    }
  }

  private async consume(stream: AsyncGenerator<StreamResponse>, run: TaskRun, epoch: number, accept: () => void): Promise<void> {
    let tokens = this.host.limits.eventsPerSecond;
    let refilledAt = this.host.now();
    for await (const event of stream) {
      if (epoch !== this.epoch) return;
      const now = this.host.now();
      tokens = Math.min(this.host.limits.eventsPerSecond, tokens + ((now - refilledAt) / 1000) * this.host.limits.eventsPerSecond);
      refilledAt = now;
      if (--tokens < 0) throw new BadInput('RATE_LIMITED', `over ${this.host.limits.eventsPerSecond} stream events a second`);
      run.handle(event);
      accept();
    }
  }

  /** A send the agent did not accept (a2a-failures.ts). True when it stays in the outbox to be sent again. */
  private failedSend(message: Message, error: unknown, signal: AbortSignal): boolean {
    const failure = sendFailure(error, this.host.wire.outcome(signal));
    if (failure.kind === 'settle') return false;
    if (failure.maybeDuplicate) this.host.store.markMaybeDuplicate(message.id);
    this.host.down(failure.reason);
    return true;
  }

  /** A run that ended badly after the agent accepted the request: told to the operator, counted, never thrown. */
  private problem(run: TaskRun, error: unknown): void {
    const { badInput } = runFailure(error);
    if (badInput) this.host.badInput(badInput.code, badInput.message);
    else if (!run.done) this.host.down(describe(error));
    if (!run.done) run.fail(`The agent could not complete this: ${describe(error)}`);
    this.host.emit({ type: 'status', state: 'error', detail: `The agent's reply could not be read: ${describe(error)}`.slice(0, 1000) });
  }

  private newRun(conversationId: string, requestId: string, knownTaskId: string | null, answering = false): TaskRun {
    return new TaskRun(
      {
        agentId: this.host.agentId,
        agentName: this.host.agentName(),
        conversationId,
        requestId,
        limits: this.host.limits,
        now: this.host.now,
        emit: (event) => this.host.emit(event),
        onTaskState: (taskId, state) => this.onTaskState(conversationId, requestId, taskId, state),
        onAsked: (taskId, decisionId) => {
          const waiting = this.waiting.get(conversationId);
          if (waiting?.taskId === taskId) waiting.decisionId = decisionId;
        },
      },
      knownTaskId,
      answering,
    );
  }

  private onTaskState(conversationId: string, requestId: string, taskId: string, state: TaskStateName): void {
    const { store, agentId } = this.host;
    // The request that started the task shows its state to the end, also when an answer continued it.
    const started = store.openTasks(agentId).find((t) => t.taskId === taskId)?.requestId;
    if (started && started !== requestId) store.markTask(started, taskId, state);
    if (isTerminal(state)) {
      store.closeTask(agentId, taskId);
      this.running.delete(requestId);
      if (this.waiting.get(conversationId)?.taskId === taskId) this.waiting.delete(conversationId);
    } else {
      store.saveTask({ taskId, agentId, conversationId, requestId, state });
      this.running.set(requestId, taskId);
      if (state === 'input-required') this.waiting.set(conversationId, { taskId });
    }
    store.markTask(requestId, taskId, state);
  }

  private track(): AbortController {
    const controller = new AbortController();
    this.controllers.add(controller);
    return controller;
  }
}
