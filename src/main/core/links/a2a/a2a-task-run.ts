/**
 * One operator request's life on an A2A agent, told to the fleet in its own terms. The SDK hands over parsed
 * events (a Message, a Task snapshot, status and artifact updates); this turns them into the seam's inbound events:
 *  - artifact text as it streams → `delta` of the reply;
 *  - each status → the agent's work `status`, and the task's state on the request message;
 *  - input-required → the question as a message, and a `decision` in Needs you that the operator answers;
 *  - a final state → the reply `message` (text, data cards, attachments), plus an `alert` when it failed;
 *  - auth-required → an `alert`.
 * Reply ids are derived from the agent and task ids, so a result fetched again after a restart is logged once.
 */
import { createHash } from 'node:crypto';
import type { Artifact, Message as A2aMessage, Part, StreamResponse, Task, TaskStatus } from '@a2a-js/sdk';
import { OPERATOR_ID } from '../../../../shared/domain';
import type { InboundEvent } from '../link';
import { contentOf, type ContentLimits, detailOf, isTerminal, stateName, type TaskStateName, workStateOf } from './a2a-content';

export class BadInput extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TaskRunContext {
  agentId: string;
  agentName: string;
  conversationId: string;
  /** The operator message this run answers. */
  requestId: string;
  limits: ContentLimits;
  now: () => number;
  emit(event: InboundEvent): void;
  /** The task exists or changed state; `terminal` once it is over. */
  onTaskState(taskId: string, state: TaskStateName): void;
  /** The task's question went to Needs you as this decision: whichever way the operator answers settles it. */
  onAsked(taskId: string, decisionId: string): void;
}

const DELTA_MAX = 60 * 1024;

/** Ids an agent picks are bounded and scoped: a long or odd one is hashed, and every id carries the agent's. */
function scopedId(agentId: string, ...parts: string[]): string {
  const tail = parts.map((p) => (p.length <= 80 && /^[\w.:-]+$/.test(p) ? p : createHash('sha256').update(p).digest('hex').slice(0, 24))).join(':');
  return `${agentId}:${tail}`.slice(0, 200);
}

/**
 * A reply streamed token by token arrives as thousands of small text parts of one artifact: adjacent text is kept as
 * one part, so a long answer stays under the bound on parts (which is there for data and file parts) and streams on.
 */
function appendParts(existing: readonly Part[], added: readonly Part[]): Part[] {
  const parts = [...existing];
  for (const part of added) {
    const last = parts[parts.length - 1];
    if (last?.content?.$case === 'text' && part.content?.$case === 'text') {
      parts[parts.length - 1] = { ...last, content: { $case: 'text', value: last.content.value + part.content.value } };
    } else parts.push(part);
  }
  return parts;
}

export class TaskRun {
  taskId: string | null;
  state: TaskStateName = 'unknown';
  done = false;
  private readonly artifacts = new Map<string, Part[]>();
  private streamed = 0;

  constructor(
    private readonly ctx: TaskRunContext,
    /** Set when the run resumes a known task: events for any other task are refused. */
    knownTaskId: string | null = null,
    /** The run carries the operator's answer: the task's opening snapshot still shows the question, already asked. */
    private answering = false,
  ) {
    this.taskId = knownTaskId;
  }

  /** One event of a stream (SendStreamingMessage or SubscribeToTask). Throws BadInput for what breaks the rules. */
  handle(event: StreamResponse): void {
    const payload = event.payload;
    if (!payload) return;
    switch (payload.$case) {
      case 'message':
        return this.onMessage(payload.value);
      case 'task':
        return this.onTask(payload.value);
      case 'statusUpdate':
        this.claim(payload.value.taskId);
        return this.onStatus(payload.value.status);
      case 'artifactUpdate':
        this.claim(payload.value.taskId);
        if (payload.value.artifact) this.onArtifact(payload.value.artifact, payload.value.append);
        return;
    }
  }

  /** A blocking SendMessage's result, or a GetTask snapshot. */
  handleResult(result: A2aMessage | Task): void {
    if ('parts' in result) this.onMessage(result);
    else this.onTask(result);
  }

  private claim(taskId: string): void {
    if (!taskId) throw new BadInput('BAD_EVENT', 'an update named no task');
    if (this.taskId === null) this.taskId = taskId;
    else if (taskId !== this.taskId) throw new BadInput('TASK_ID_CHANGED', `the task id changed mid-stream (${this.taskId.slice(0, 40)} → ${taskId.slice(0, 40)})`);
  }

  private onMessage(message: A2aMessage): void {
    const content = contentOf(message.parts, this.ctx.limits);
    this.emitMessage(scopedId(this.ctx.agentId, 'msg', message.messageId || this.ctx.requestId), content.text, content.data);
    this.done = true;
  }

  private onTask(task: Task): void {
    this.claim(task.id);
    this.artifacts.clear();
    for (const artifact of task.artifacts.slice(0, 100)) this.artifacts.set(artifact.artifactId, [...artifact.parts]);
    this.onStatus(task.status);
  }

  private onArtifact(artifact: Artifact, append: boolean): void {
    const parts = append ? appendParts(this.artifacts.get(artifact.artifactId) ?? [], artifact.parts) : [...artifact.parts];
    if (this.artifacts.size >= 100 && !this.artifacts.has(artifact.artifactId)) throw new BadInput('TOO_MANY_ARTIFACTS', 'over 100 artifacts in one task');
    this.artifacts.set(artifact.artifactId, parts.slice(0, 1000));
    const text = this.artifactText();
    if (text.length > this.streamed && text.length <= this.ctx.limits.maxTextChars) {
      for (let at = this.streamed; at < text.length; at += DELTA_MAX) {
        this.ctx.emit({ type: 'delta', id: this.replyId(), conversation_id: this.ctx.conversationId, text: text.slice(at, at + DELTA_MAX) });
      }
      this.streamed = text.length;
    }
  }

  private onStatus(status: TaskStatus | undefined): void {
    if (!status || this.taskId === null) return;
    const state = stateName(status.state);
    const said = status.message ? contentOf(status.message.parts, this.ctx.limits) : { text: null, data: null };
    const changed = state !== this.state;
    this.state = state;
    if (state !== 'input-required') this.answering = false;
    if (changed) this.ctx.onTaskState(this.taskId, state);
    this.ctx.emit({ type: 'status', state: workStateOf(state), detail: detailOf(state, said.text?.slice(0, 200)) });
    if (state === 'input-required') {
      if (this.answering) this.answering = false;
      else this.askOperator(status.message, said.text);
    }
    else if (state === 'auth-required' && changed) this.alert('critical', `${this.ctx.agentName} needs authorisation`, said.text ?? 'The agent asked for authorisation the console cannot give in-band.', 'auth');
    else if (isTerminal(state)) this.finish(state, said);
  }

  private askOperator(question: A2aMessage | undefined, text: string | null): void {
    const taskId = this.taskId!;
    const turn = question?.messageId || 'input';
    const asked = text ?? 'The agent needs more input to continue.';
    this.emitMessage(scopedId(this.ctx.agentId, taskId, 'ask', turn), asked, { task: { id: taskId, state: 'input-required' } });
    const decisionId = scopedId(this.ctx.agentId, taskId, 'input', turn);
    this.ctx.emit({
      type: 'decision',
      id: decisionId,
      summary: asked.slice(0, 1000),
      reasoning: 'The agent is waiting for your answer to continue this task. Approve with your answer as the comment (or reply in the conversation); reject to cancel the task.',
      confidence: 1,
      context: { task_id: taskId, conversation_id: this.ctx.conversationId, kind: 'input_required' },
    });
    this.ctx.onAsked(taskId, decisionId);
    this.done = true;
  }

  private finish(state: TaskStateName, said: { text: string | null; data: Record<string, unknown> | null }): void {
    const fromArtifacts = contentOf([...this.artifacts.values()].flat(), this.ctx.limits);
    const text = [fromArtifacts.text, said.text].filter((t): t is string => t !== null).join('\n\n') || (state === 'completed' ? null : detailOf(state));
    const data = { ...fromArtifacts.data, ...said.data, task: { id: this.taskId, state } };
    this.emitMessage(this.replyId(), text, data);
    if (state === 'failed') this.alert('warning', `Task failed: ${this.ctx.agentName}`, said.text ?? 'The agent gave no reason.', 'failed');
    this.done = true;
  }

  /** The run cannot go on (the agent refused, or broke the rules): the operator gets a reply saying why. */
  fail(reason: string): void {
    this.emitMessage(scopedId(this.ctx.agentId, this.taskId ?? this.ctx.requestId, 'error'), reason, { error: true, ...(this.taskId ? { task: { id: this.taskId, state: this.state } } : {}) });
    this.done = true;
  }

  private alert(severity: 'warning' | 'critical', title: string, body: string, kind: string): void {
    this.ctx.emit({
      type: 'alert',
      id: scopedId(this.ctx.agentId, this.taskId ?? this.ctx.requestId, kind),
      severity,
      title: title.slice(0, 500),
      body: body.slice(0, 8000),
      dedupe_key: `a2a-task-${kind}:${this.ctx.agentId}:${this.taskId ?? ''}`.slice(0, 500),
      state: 'firing',
    });
  }

  private replyId(): string {
    return scopedId(this.ctx.agentId, this.taskId ?? this.ctx.requestId, 'reply');
  }

  private artifactText(): string {
    let text = '';
    for (const parts of this.artifacts.values()) for (const p of parts) if (p.content?.$case === 'text') text += p.content.value;
    return text;
  }

  private emitMessage(id: string, text: string | null, data: Record<string, unknown> | null): void {
    this.ctx.emit({
      type: 'message',
      id,
      conversation_id: this.ctx.conversationId,
      from: this.ctx.agentId,
      to: OPERATOR_ID,
      intent: 'chat',
      ...(text === null ? {} : { text: text.slice(0, 512 * 1024) }),
      ...(data === null ? {} : { data }),
      priority: 'normal',
      reply_to: this.ctx.requestId,
      timestamp: new Date(this.ctx.now()).toISOString(),
    });
  }
}
