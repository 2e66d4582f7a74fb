import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IpcMainInvokeEvent } from 'electron';
import { bindContractToIpc } from '../../../src/main/electron/ipc-binding';
import { appPageUrl, createSenderCheck } from '../../../src/main/electron/window-security';
import { invokeContract, type Result } from '../../../src/shared/contract';

type Handler = (event: IpcMainInvokeEvent, request: unknown) => Promise<Result<unknown>> | Result<unknown>;

/** Stands in for ipcMain: records handlers so the test can call them as Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const eventFrom = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;

test('every contract channel is bound, and unbinding removes them all', () => {
  const ipc = fakeIpcMain();
  const unbind = bindContractToIpc(ipc, { invoke: async () => ({ ok: true, value: null }) }, () => true);
  assert.deepEqual([...ipc.handlers.keys()].sort(), Object.keys(invokeContract).sort());
  unbind();
  assert.equal(ipc.handlers.size, 0);
});

test('calls from a foreign frame are refused with FORBIDDEN_SENDER before reaching the core', async () => {
  const ipc = fakeIpcMain();
  const page = appPageUrl(undefined);
  const reached: unknown[] = [];
  bindContractToIpc(ipc, { invoke: async (_c, r) => (reached.push(r), { ok: true, value: 'ok' }) }, createSenderCheck(page));
  const handler = ipc.handlers.get('agents:list')!;
  const foreign = await handler(eventFrom('https://evil.example/'), {});
  assert.equal(!foreign.ok && foreign.error.code, 'FORBIDDEN_SENDER');
  // file: and javascript: URLs have the same opaque origin ("null") as app:, so these catch an origin comparison.
  for (const url of ['file:///tmp/other.html', 'javascript:alert(1)', 'app://other-host/index.html', 'http://twin-console/index.html']) {
    const refused = await handler(eventFrom(url), {});
    assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN_SENDER', url);
  }
  const noFrame = await handler({ senderFrame: null } as unknown as IpcMainInvokeEvent, {});
  assert.equal(!noFrame.ok && noFrame.error.code, 'FORBIDDEN_SENDER');
  assert.deepEqual(reached, []);
  const own = await handler(eventFrom(page), {});
  assert.deepEqual(own, { ok: true, value: 'ok' });
});

test('a file:// page is trusted only for that exact file, since all local files share one origin', () => {
  const check = createSenderCheck('file:///opt/twin-console/out/renderer/index.html');
  assert.equal(check('file:///opt/twin-console/out/renderer/index.html'), true);
  assert.equal(check('file:///tmp/evil.html'), false);
});

test('the dev-server page is trusted by origin only', () => {
  const check = createSenderCheck(appPageUrl('http://localhost:5173'));
  assert.equal(check('http://localhost:5173/index.html'), true);
  assert.equal(check('http://localhost:5174/'), false);
  assert.equal(check(undefined), false);
  assert.equal(check('not a url'), false);
});
