/**
 * A2A agents for tests, each served by the SDK's own server on loopback (serveA2aAgent): one that answers at once,
 * one that streams, one that asks for input, one that fails, one that runs for a long time (20 s unless told), and
 * one that requires a bearer token. Each records the user messages it received, so a test can check order and
 * messageIds (a retry must reuse its id).
 */
import { type Message, TaskState } from '@a2a-js/sdk';
import type { AgentExecutor, ExecutionEventBus, RequestContext, TaskStore } from '@a2a-js/sdk/server';
import { type A2aAgentServer, serveA2aAgent } from '../../src/agent-kit/a2a/a2a-agent-server';
import { agentMessage, artifactEvent, dataPart, filePart, statusEvent, taskEvent, textOf, textPart } from '../../src/agent-kit/a2a/a2a-parts';

export type A2aTestBehaviour = 'instant' | 'stream' | 'ask' | 'fail' | 'slow';

export interface A2aTestAgentOptions {
  behaviour: A2aTestBehaviour;
  name?: string;
  bearerToken?: string;
  /** How long the slow agent works before it completes. */
  durationMs?: number;
  /** Stream chunks the stream agent sends. */
  chunks?: string[];
  port?: number;
  taskStore?: TaskStore;
}

export interface A2aTestAgent extends A2aAgentServer {
  /** User messages received, in order of arrival. */
  readonly received: Message[];
  /** Resolves once the agent has received `count` user messages. */
  receivedCount(count: number): Promise<Message[]>;
}

export async function startA2aTestAgent(options: A2aTestAgentOptions): Promise<A2aTestAgent> {
  const received: Message[] = [];
  const waiters: Array<{ count: number; resolve: (m: Message[]) => void }> = [];
  const executor = new TestExecutor(options, (message) => {
    received.push(message);
    for (const w of waiters.filter((w) => received.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve([...received]);
    }
  });
  const server = await serveA2aAgent({
    name: options.name ?? `Test ${options.behaviour} agent`,
    description: `Answers the console's tests (${options.behaviour}).`,
    version: '2.1.0',
    provider: 'Test Labs',
    skills: [
      { id: 'forecast', name: 'Forecasting', description: 'Forecasts demand' },
      { id: 'summarise', name: 'Summaries', description: 'Summarises reports' },
    ],
    executor,
    ...(options.bearerToken === undefined ? {} : { bearerToken: options.bearerToken }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.taskStore === undefined ? {} : { taskStore: options.taskStore }),
  });
  return Object.assign(server, {
    received,
    receivedCount: (count: number) =>
      received.length >= count ? Promise.resolve([...received]) : new Promise<Message[]>((resolve) => waiters.push({ count, resolve })),
  });
}

class TestExecutor implements AgentExecutor {
  private readonly running = new Map<string, () => void>();

  constructor(
    private readonly options: A2aTestAgentOptions,
    private readonly onReceived: (message: Message) => void,
  ) {}

  cancelTask = async (taskId: string, bus: ExecutionEventBus): Promise<void> => {
    const stop = this.running.get(taskId);
    if (stop) return stop();
    bus.publish(statusEvent(taskId, '', TaskState.TASK_STATE_CANCELED, 'Cancelled.'));
    bus.finished();
  };

  async execute(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = context;
    const message = context.userMessage;
    this.onReceived(message);
    const text = textOf(message);
    switch (this.options.behaviour) {
      case 'instant':
        bus.publish({
          kind: 'message',
          data: agentMessage(
            [textPart(`Echo: ${text}`), dataPart({ region: 'EMEA', units: 42 }), filePart('report.csv', 'text/csv', Buffer.from('a,b\n1,2\n'))],
            { contextId },
          ),
        });
        break;
      case 'stream': {
        bus.publish(taskEvent(taskId, contextId, [message]));
        bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_WORKING, 'Drafting'));
        const chunks = this.options.chunks ?? ['Forecast ', 'for ', 'Q3: ', 'up 4%.'];
        for (const [i, chunk] of chunks.entries()) {
          await new Promise((r) => setImmediate(r));
          const last = i === chunks.length - 1;
          bus.publish(artifactEvent(taskId, contextId, { artifactId: 'answer', name: 'answer', parts: [textPart(chunk)] }, { append: i > 0, lastChunk: last }));
        }
        bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_COMPLETED));
        break;
      }
      case 'ask':
        if (context.task?.status?.state === TaskState.TASK_STATE_INPUT_REQUIRED) {
          // A stream starts with the task, also when it continues one.
          bus.publish({ kind: 'task', data: context.task });
          bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_COMPLETED, `Forecast for ${text}: up 4%.`));
        } else {
          bus.publish(taskEvent(taskId, contextId, [message]));
          bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_INPUT_REQUIRED, 'Which region should I forecast?'));
        }
        break;
      case 'fail':
        bus.publish(taskEvent(taskId, contextId, [message]));
        bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_WORKING));
        bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_FAILED, 'Model quota exhausted'));
        break;
      case 'slow': {
        bus.publish(taskEvent(taskId, contextId, [message]));
        bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_WORKING, 'Crunching numbers'));
        const cancelled = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), this.options.durationMs ?? 20_000);
          this.running.set(taskId, () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        this.running.delete(taskId);
        bus.publish(
          cancelled
            ? statusEvent(taskId, contextId, TaskState.TASK_STATE_CANCELED, 'Cancelled by the operator.')
            : statusEvent(taskId, contextId, TaskState.TASK_STATE_COMPLETED, `Finished: ${text}`),
        );
        break;
      }
    }
    bus.finished();
  }
}
