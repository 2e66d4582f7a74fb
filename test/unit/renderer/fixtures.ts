import type { EventChannel, InvokeChannel, Result } from '../../../src/shared/contract';
import type { Agent, Message } from '../../../src/shared/domain';
import { directConversationId } from '../../../src/shared/domain';
import { EventHub, type FrameScheduler } from '../../../src/renderer/src/lib/event-hub';
import { type Invoke, QueryCache } from '../../../src/renderer/src/lib/query-cache';

/** The core's side of the renderer, in memory: events to push, and calls answered when the test says so. */
export function fakeCore() {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let subscriptions = 0;
  const calls: { channel: InvokeChannel; request: unknown; answer(result: Result<unknown>): void }[] = [];
  const frames: (() => void)[] = [];
  const schedule: FrameScheduler = (flush) => void frames.push(flush);
  const hub = new EventHub(
    {
      subscribe(event, listener) {
        subscriptions++;
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
      },
    },
    { coalesced: new Set<EventChannel>(['message:changed', 'agent:changed']), schedule },
  );
  const invoke: Invoke = (channel, request) =>
    new Promise((resolve) => calls.push({ channel, request, answer: resolve as (result: Result<unknown>) => void })) as never;
  const cache = new QueryCache({ invoke, hub, gcMs: 5 });
  return {
    hub,
    cache,
    calls,
    get subscriptions() {
      return subscriptions;
    },
    emit(event: EventChannel, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    /** Runs the animation frame the hub asked for, if any. */
    frame() {
      for (const flush of frames.splice(0)) flush();
    },
    /** Answers the oldest unanswered call. */
    async answer(value: unknown) {
      const call = calls.shift();
      if (!call) throw new Error('no call to answer');
      call.answer({ ok: true, value });
      await settle();
    },
    async fail(message: string) {
      calls.shift()!.answer({ ok: false, error: { code: 'INTERNAL', message } });
      await settle();
    },
  };
}

/** Lets the promise callbacks of answered calls run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

export function agent(id: string, extra: Partial<Agent> = {}): Agent {
  return {
    id,
    name: `${id} twin`,
    role: 'Marketer',
    department: 'Marketing',
    capabilities: ['campaigns'],
    intents: ['chat'],
    description: null,
    endpointId: 'e1',
    linkState: 'online',
    workState: 'idle',
    lastSeenAt: null,
    ...extra,
  };
}

export function message(id: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: directConversationId('cmo'),
    agentId: 'cmo',
    direction: 'in',
    from: 'cmo',
    to: 'operator',
    intent: 'chat',
    text: id,
    data: null,
    priority: 'normal',
    replyTo: null,
    status: 'received',
    createdAt: 0,
    ...extra,
  };
}
