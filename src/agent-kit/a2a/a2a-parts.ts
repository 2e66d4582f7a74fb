/**
 * Small builders for the SDK's A2A objects, whose every field is required: an executor then reads as what it says
 * (a text part, a status update) rather than as a wall of empty strings.
 */
import { randomUUID } from 'node:crypto';
import { type Artifact, type Message, type Part, Role, type Task, TaskState } from '@a2a-js/sdk';
import type { AgentExecutionEvent } from '@a2a-js/sdk/server';

export function textPart(text: string): Part {
  return { content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' };
}

export function dataPart(data: Record<string, unknown>): Part {
  return { content: { $case: 'data', value: data }, metadata: undefined, filename: '', mediaType: 'application/json' };
}

export function filePart(filename: string, mediaType: string, bytes: Buffer): Part {
  return { content: { $case: 'raw', value: bytes }, metadata: undefined, filename, mediaType };
}

export function agentMessage(parts: Part[], ids: { contextId: string; taskId?: string }): Message {
  return {
    messageId: randomUUID(),
    contextId: ids.contextId,
    taskId: ids.taskId ?? '',
    role: Role.ROLE_AGENT,
    parts,
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

export function taskEvent(taskId: string, contextId: string, history: Message[] = []): AgentExecutionEvent {
  const task: Task = {
    id: taskId,
    contextId,
    status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
    artifacts: [],
    history,
    metadata: undefined,
  };
  return { kind: 'task', data: task };
}

export function statusEvent(taskId: string, contextId: string, state: TaskState, text?: string): AgentExecutionEvent {
  return {
    kind: 'statusUpdate',
    data: {
      taskId,
      contextId,
      status: {
        state,
        message: text === undefined ? undefined : agentMessage([textPart(text)], { contextId, taskId }),
        timestamp: new Date().toISOString(),
      },
      metadata: undefined,
    },
  };
}

export function artifactEvent(
  taskId: string,
  contextId: string,
  artifact: Pick<Artifact, 'artifactId' | 'name' | 'parts'>,
  chunk: { append: boolean; lastChunk: boolean },
): AgentExecutionEvent {
  return {
    kind: 'artifactUpdate',
    data: {
      taskId,
      contextId,
      artifact: { ...artifact, description: '', metadata: undefined, extensions: [] },
      append: chunk.append,
      lastChunk: chunk.lastChunk,
      metadata: undefined,
    },
  };
}

/** The user's text, from all its text parts. */
export function textOf(message: Message | undefined): string {
  return (message?.parts ?? []).map((p) => (p.content?.$case === 'text' ? p.content.value : '')).join('');
}
