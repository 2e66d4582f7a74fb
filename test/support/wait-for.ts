import type { EventChannel, EventPayloadOf } from '../../src/shared/contract';
import type { Core } from '../../src/main/core';
import type { Agent } from '../../src/shared/domain';

/**
 * Resolves with the first `event` from the core that satisfies `predicate`. Synchronises on what happened, never on
 * time: the timeout only turns a hang into a readable failure.
 */
export function nextEvent<E extends EventChannel>(
  core: Pick<Core, 'on'>,
  event: E,
  predicate: (payload: EventPayloadOf<E>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<EventPayloadOf<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${event}`));
    }, timeoutMs);
    const off = core.on(event, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Resolves with the first agent that satisfies `predicate`, whether it changed alone or in a batch. */
export function nextAgent(core: Pick<Core, 'on'>, predicate: (agent: Agent) => boolean = () => true, timeoutMs = 10_000): Promise<Agent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for an agent change`));
    }, timeoutMs);
    const check = (agent: Agent) => {
      if (!predicate(agent)) return;
      clearTimeout(timer);
      off();
      resolve(agent);
    };
    const offOne = core.on('agent:changed', check);
    const offMany = core.on('agents:changed', (agents) => agents.forEach(check));
    const off = () => {
      offOne();
      offMany();
    };
  });
}

/** Resolves once `condition()` holds, checking each time `subscribe` reports a change. */
export function until(
  subscribe: (onChange: () => void) => () => void,
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting until ${what}`));
    }, timeoutMs);
    const off = subscribe(() => {
      if (!condition()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
