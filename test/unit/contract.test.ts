import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDispatch } from '../../src/main/core/contract-dispatch';
import { CoreError } from '../../src/main/core/core-error';
import { silentLogger } from '../../src/main/core/logger';
import {
  buildApi,
  eventContract,
  eventMethodName,
  invokeContract,
  invokeMethodPath,
  type Transport,
} from '../../src/shared/contract';
import type { ContractHandlers } from '../../src/main/core/contract-dispatch';

test('the api has one method per invoke channel and one listener per event, named from the contract', async () => {
  const calls: [string, unknown][] = [];
  const transport: Transport = {
    invoke: async (channel, request) => {
      calls.push([channel, request]);
      return { ok: true, value: null };
    },
    subscribe: () => () => {},
  };
  const api = buildApi(transport) as unknown as Record<string, Record<string, (r?: unknown) => Promise<unknown>>>;
  for (const channel of Object.keys(invokeContract) as (keyof typeof invokeContract)[]) {
    const [namespace, method] = invokeMethodPath(channel);
    await api[namespace]![method]!({ probe: channel });
  }
  assert.deepEqual(
    calls.map(([channel]) => channel),
    Object.keys(invokeContract),
  );
  for (const event of Object.keys(eventContract) as (keyof typeof eventContract)[]) {
    assert.equal(typeof (api as unknown as Record<string, unknown>)[eventMethodName(event)], 'function', event);
  }
  assert.equal(eventMethodName('agent:changed'), 'onAgentChanged');
  assert.deepEqual(invokeMethodPath('messages:send'), ['messages', 'send']);
});

function handlersWith(overrides: Partial<ContractHandlers>): ContractHandlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  const all = Object.fromEntries(Object.keys(invokeContract).map((c) => [c, unused]));
  return { ...all, ...overrides } as ContractHandlers;
}

test('dispatch refuses unknown channels and invalid requests with typed errors, without calling a handler', async () => {
  let called = false;
  const dispatch = createDispatch(
    handlersWith({
      'messages:send': () => {
        called = true;
        throw new Error('unreachable');
      },
    }),
    silentLogger,
  );
  assert.deepEqual(await dispatch('fs:read', {}), {
    ok: false,
    error: { code: 'UNKNOWN_CHANNEL', message: '"fs:read" is not a channel of this console.' },
  });
  const invalid = await dispatch('messages:send', { agentId: 'a', text: '   ' });
  assert.equal(invalid.ok, false);
  assert.equal(!invalid.ok && invalid.error.code, 'INVALID_REQUEST');
  assert.match(!invalid.ok ? invalid.error.message : '', /text: message is empty/);
  const extra = await dispatch('messages:send', { agentId: 'a', text: 'hi', __proto__x: 1 });
  assert.equal(!extra.ok && extra.error.code, 'INVALID_REQUEST');
  assert.equal(called, false);
});

test('dispatch passes CoreError codes through and hides unexpected errors behind INTERNAL', async () => {
  const dispatch = createDispatch(
    handlersWith({
      'endpoints:remove': () => {
        throw new CoreError('NOT_FOUND', 'No endpoint with id x.');
      },
      'agents:list': () => {
        throw new TypeError('secret internals at /home/user');
      },
    }),
    silentLogger,
  );
  assert.deepEqual(await dispatch('endpoints:remove', { id: 'x' }), {
    ok: false,
    error: { code: 'NOT_FOUND', message: 'No endpoint with id x.' },
  });
  const internal = await dispatch('agents:list', undefined);
  assert.equal(!internal.ok && internal.error.code, 'INTERNAL');
  assert.doesNotMatch(!internal.ok ? internal.error.message : '', /secret internals/);
});
