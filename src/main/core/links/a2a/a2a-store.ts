/**
 * What an A2A link keeps in the log beyond messages: its agents' open tasks (resumed on start, so a result that came
 * while the console was down is still fetched and logged, and the request is never sent again), and the marks it
 * puts on operator messages (the task each started and its state; "may have been delivered twice").
 */
import type { Message } from '../../../../shared/domain';
import type { EventBus } from '../../lib/event-bus';
import type { Database } from '../../store/database';
import type { MessageMarksRepository } from '../../store/message-marks-repository';
import type { MessageRepository } from '../../store/message-repository';

export interface OpenTask {
  taskId: string;
  agentId: string;
  conversationId: string;
  /** The operator message that started the task (an answer does not replace it). */
  requestId: string;
  state: string;
}

export interface A2aStore {
  openTasks(agentId: string): OpenTask[];
  /** Records a task that is not finished (insert, or update its state). */
  saveTask(task: OpenTask): void;
  /** The task finished: it is no longer resumed. */
  closeTask(agentId: string, taskId: string): void;
  /** Shows the task and its state on the request message. */
  markTask(requestId: string, taskId: string, state: string): void;
  /** The request is being sent again after a send that may have reached the agent. */
  markMaybeDuplicate(messageId: string): void;
}

interface RawTask {
  task_id: string;
  agent_id: string;
  conversation_id: string;
  request_id: string;
  state: string;
}

export function createA2aStore(deps: { db: Database; messages: MessageRepository; marks: MessageMarksRepository; events: EventBus; now: () => number }): A2aStore {
  const { db, messages, marks, events, now } = deps;
  const openStmt = db.prepare<[string], RawTask>('SELECT * FROM a2a_tasks WHERE agent_id = ? ORDER BY updated_at');
  const saveStmt = db.prepare<[string, string, string, string, string, number]>(
    `INSERT INTO a2a_tasks (task_id, agent_id, conversation_id, request_id, state, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (agent_id, task_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  );
  const closeStmt = db.prepare<[string, string]>('DELETE FROM a2a_tasks WHERE agent_id = ? AND task_id = ?');
  const changed = (id: string) => {
    const message: Message | undefined = messages.get(id);
    const mark = marks.get(id);
    if (message) events.emit('message:changed', mark ? { ...message, marks: mark } : message);
  };
  return {
    openTasks: (agentId) =>
      openStmt.all(agentId).map((r) => ({ taskId: r.task_id, agentId: r.agent_id, conversationId: r.conversation_id, requestId: r.request_id, state: r.state })),
    saveTask: (t) => void saveStmt.run(t.taskId, t.agentId, t.conversationId, t.requestId, t.state, now()),
    closeTask: (agentId, taskId) => void closeStmt.run(agentId, taskId),
    markTask: (requestId, taskId, state) => {
      if (!messages.get(requestId)) return;
      marks.setTask(requestId, taskId, state);
      changed(requestId);
    },
    markMaybeDuplicate: (messageId) => {
      if (!messages.get(messageId)) return;
      marks.set(messageId, 'maybe_duplicate', 1);
      changed(messageId);
    },
  };
}
