import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { IpcMainInvokeEvent } from 'electron';
import { CallBudget } from '../../src/main/core/lib/call-budget';
import { bindContractToIpc } from '../../src/main/electron/ipc-binding';
import type { Result } from '../../src/shared/contract';

const ok = (): Promise<Result<string>> => Promise.resolve({ ok: true, value: 'ran' });

test('a caller is charged the time its calls hold the loop; past its burst it is BUSY until the budget refills', async () => {
  let clock = 0;
  const budget = new CallBudget({ busyMsPerSecond: 100, burstMs: 50 }, () => clock);
  const costing = (ms: number) => () => {
    clock += ms;
    return ok();
  };
  assert.deepEqual(await budget.run(costing(30)), { ok: true, value: 'ran' });
  assert.deepEqual(await budget.run(costing(30)), { ok: true, value: 'ran' }, 'let in while above zero, then charged');
  let ran = false;
  const refused = await budget.run(() => ((ran = true), ok()));
  assert.equal(ran, false, 'a refused call never runs');
  assert.equal(refused.ok ? 'ok' : refused.error.code, 'BUSY');
  assert.match(refused.ok ? '' : refused.error.message, /try again in 0\.1 s/);
  // 50 - 30 - 30, plus 0.1 ms back per ms that passed (60 ms): -4.
  clock += 39;
  assert.equal((await budget.run(ok)).ok, false, 'still below zero');
  clock += 2;
  assert.equal((await budget.run(ok)).ok, true);
  clock += 60_000;
  for (let i = 0; i < 5; i++) assert.equal((await budget.run(costing(12))).ok, true, 'refilled up to the burst, not beyond');
  assert.equal((await budget.run(ok)).ok, false);
});

test('Electron IPC: each window has its own budget; one hogging the loop does not make another BUSY', async () => {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, request: unknown) => Promise<Result<unknown>>>();
  const ipc = { handle: (channel: string, handler: never) => void handlers.set(channel, handler), removeHandler: () => {} };
  const hold = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  bindContractToIpc(ipc, { invoke: (_channel, request) => (hold((request as { ms: number }).ms), Promise.resolve({ ok: true, value: null })) }, () => true, {
    busyMsPerSecond: 1,
    burstMs: 10,
  });
  const windowOf = (id: number) => Object.assign(new EventEmitter(), { id });
  const [hog, other] = [windowOf(1), windowOf(2)];
  const call = (sender: EventEmitter, ms: number) =>
    handlers.get('stats:summary')!({ senderFrame: { url: 'app://twin-console/index.html' }, sender } as unknown as IpcMainInvokeEvent, { ms });
  assert.equal((await call(hog, 20)).ok, true);
  const refused = await call(hog, 0);
  assert.equal(refused.ok ? 'ok' : refused.error.code, 'BUSY');
  assert.equal((await call(other, 0)).ok, true, 'another window is served');
  hog.emit('destroyed');
  assert.equal((await call(windowOf(1), 0)).ok, true, 'a closed window is forgotten with its debt');
});
