/**
 * The demo's A2A twin: Northwind's Forecasting agent, served with the official A2A SDK's server (not protocol v1),
 * so a newcomer sees an A2A agent beside the v1 twins without configuring anything. It streams its forecast as an
 * artifact, and when the request names no region it asks which one (input-required) and continues the same task
 * with the answer.
 */
import { TaskState } from '@a2a-js/sdk';
import type { AgentExecutor, ExecutionEventBus, RequestContext } from '@a2a-js/sdk/server';
import { type A2aAgentServer, serveA2aAgent } from '../a2a/a2a-agent-server';
import { artifactEvent, dataPart, statusEvent, taskEvent, textOf, textPart } from '../a2a/a2a-parts';

const REGIONS = ['EMEA', 'APAC', 'Americas'] as const;
const GROWTH: Record<(typeof REGIONS)[number], number> = { EMEA: 4.2, APAC: 6.8, Americas: 3.1 };

function regionIn(text: string): (typeof REGIONS)[number] | undefined {
  return REGIONS.find((r) => text.toLowerCase().includes(r.toLowerCase()));
}

class ForecastExecutor implements AgentExecutor {
  private readonly cancelled = new Set<string>();

  constructor(private readonly chunkDelayMs: number) {}

  cancelTask = async (taskId: string): Promise<void> => {
    this.cancelled.add(taskId);
  };

  async execute(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = context;
    const text = textOf(context.userMessage);
    bus.publish(context.task ? { kind: 'task', data: context.task } : taskEvent(taskId, contextId, [context.userMessage]));
    const region = regionIn(text);
    if (!region) {
      bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_INPUT_REQUIRED, `Which region should I forecast: ${REGIONS.join(', ')}?`));
      return bus.finished();
    }
    bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_WORKING, `Forecasting ${region}`));
    const growth = GROWTH[region];
    const words = `Next quarter in ${region}: demand up ${growth}% on pipeline and seasonality; confidence is moderate.`.split(/(?<= )/);
    for (const [i, word] of words.entries()) {
      if (this.cancelled.delete(taskId)) {
        bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_CANCELED, 'Forecast cancelled.'));
        return bus.finished();
      }
      await new Promise((r) => setTimeout(r, this.chunkDelayMs));
      bus.publish(artifactEvent(taskId, contextId, { artifactId: 'forecast', name: 'forecast', parts: [textPart(word)] }, { append: i > 0, lastChunk: false }));
    }
    bus.publish(
      artifactEvent(taskId, contextId, { artifactId: 'figures', name: 'figures', parts: [dataPart({ region, growth_pct: growth, horizon: 'next quarter' })] }, { append: false, lastChunk: true }),
    );
    bus.publish(statusEvent(taskId, contextId, TaskState.TASK_STATE_COMPLETED));
    bus.finished();
  }
}

export function serveForecastTwin(options: { host?: string; chunkDelayMs?: number } = {}): Promise<A2aAgentServer> {
  return serveA2aAgent({
    name: 'Forecasting Agent',
    description: 'Northwind Labs demand forecasts by region, over A2A.',
    version: '1.2.0',
    provider: 'Northwind Labs',
    skills: [
      { id: 'demand-forecast', name: 'Demand forecast', description: 'Forecasts next quarter demand for a region' },
      { id: 'scenario', name: 'Scenario planning', description: 'What-if scenarios on the forecast' },
    ],
    executor: new ForecastExecutor(options.chunkDelayMs ?? 40),
    ...(options.host ? { host: options.host } : {}),
  });
}
