/**
 * A2A content and task states in the console's terms. Text parts become the message text; data parts become its
 * `data` (shown as a card); file parts become `attachments` with name, type and size (the bytes are not kept: an
 * agent's file is not the console's to store, and a URL is never fetched). Everything is bounded: the agent is
 * untrusted.
 */
import { type Message as A2aMessage, type Part, Role, TaskState } from '@a2a-js/sdk';
import type { Message } from '../../../../shared/domain';
import type { WorkState } from '../../../../shared/protocol';

export interface Content {
  text: string | null;
  data: Record<string, unknown> | null;
}

export interface ContentLimits {
  maxTextChars: number;
  maxDataDepth: number;
}

export interface Attachment {
  name: string;
  media_type: string;
  /** Bytes, when the agent sent them inline; null for a file given by URL. */
  size: number | null;
  url?: string;
}

export function contentOf(parts: readonly Part[], limits: ContentLimits): Content {
  let text = '';
  const data: Record<string, unknown>[] = [];
  const attachments: Attachment[] = [];
  for (const part of parts.slice(0, 100)) {
    const content = part.content;
    if (!content) continue;
    if (content.$case === 'text') text += content.value;
    else if (content.$case === 'data') data.push(bounded(content.value, limits.maxDataDepth));
    else {
      const name = (part.filename || 'file').slice(0, 200);
      const media_type = (part.mediaType || 'application/octet-stream').slice(0, 100);
      if (content.$case === 'raw') attachments.push({ name, media_type, size: content.value.byteLength });
      else attachments.push({ name, media_type, size: null, url: content.value.slice(0, 2000) });
    }
  }
  if (text.length > limits.maxTextChars) text = `${text.slice(0, limits.maxTextChars)}\n[cut: the reply was over ${limits.maxTextChars} characters]`;
  const merged: Record<string, unknown> = data.length === 1 ? { ...data[0] } : Object.fromEntries(data.map((d, i) => [`data_${i + 1}`, d]));
  if (attachments.length > 0) merged.attachments = attachments;
  return { text: text.length > 0 ? text : null, data: Object.keys(merged).length > 0 ? merged : null };
}

/** A data part as an object, or a note in its place when it is too deep to show (or not an object at all). */
function bounded(value: unknown, maxDepth: number): Record<string, unknown> {
  if (depthOf(value, maxDepth + 1) > maxDepth) return { note: `data nested deeper than ${maxDepth} levels was left out` };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

function depthOf(value: unknown, stopAt: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (stopAt <= 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, stopAt - 1));
  return deepest + 1;
}

export type TaskStateName = 'submitted' | 'working' | 'input-required' | 'completed' | 'failed' | 'canceled' | 'rejected' | 'auth-required' | 'unknown';

const NAMES: Record<number, TaskStateName> = {
  [TaskState.TASK_STATE_SUBMITTED]: 'submitted',
  [TaskState.TASK_STATE_WORKING]: 'working',
  [TaskState.TASK_STATE_INPUT_REQUIRED]: 'input-required',
  [TaskState.TASK_STATE_COMPLETED]: 'completed',
  [TaskState.TASK_STATE_FAILED]: 'failed',
  [TaskState.TASK_STATE_CANCELED]: 'canceled',
  [TaskState.TASK_STATE_REJECTED]: 'rejected',
  [TaskState.TASK_STATE_AUTH_REQUIRED]: 'auth-required',
};

export function stateName(state: TaskState | undefined): TaskStateName {
  return (state !== undefined && NAMES[state]) || 'unknown';
}

export function isTerminal(state: TaskStateName): boolean {
  return state === 'completed' || state === 'failed' || state === 'canceled' || state === 'rejected';
}

/** The agent's work state while a task is in this state: busy, waiting for the operator, or done. */
export function workStateOf(state: TaskStateName): WorkState {
  switch (state) {
    case 'submitted':
    case 'working':
      return 'busy';
    case 'input-required':
      return 'waiting_approval';
    case 'failed':
    case 'auth-required':
      return 'error';
    default:
      return 'idle';
  }
}

const DETAILS: Record<TaskStateName, string> = {
  submitted: 'Task submitted',
  working: 'Working on a task',
  'input-required': 'Waiting for your answer',
  completed: 'Task completed',
  failed: 'Task failed',
  canceled: 'Task canceled',
  rejected: 'Task rejected by the agent',
  'auth-required': 'The agent needs authorisation',
  unknown: 'Task in an unknown state',
};

export function detailOf(state: TaskStateName, text?: string | null): string {
  return (text ? `${DETAILS[state]}: ${text}` : DETAILS[state]).slice(0, 1000);
}

/** An operator message as an A2A Message: its log id is the messageId, the conversation the contextId. */
export function toA2aMessage(message: Message, taskId: string | undefined): A2aMessage {
  const parts: A2aMessage['parts'] = [];
  if (message.text !== null) parts.push({ content: { $case: 'text', value: message.text }, metadata: undefined, filename: '', mediaType: 'text/plain' });
  if (message.data !== null) parts.push({ content: { $case: 'data', value: message.data }, metadata: undefined, filename: '', mediaType: 'application/json' });
  return {
    messageId: message.id,
    contextId: message.conversationId,
    taskId: taskId ?? '',
    role: Role.ROLE_USER,
    parts,
    metadata: message.intent === 'chat' ? undefined : { intent: message.intent },
    extensions: [],
    referenceTaskIds: [],
  };
}
