import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { eventContract, invokeContract } from '../../../src/shared/contract';
import { createFakeElectron } from '../../support/fake-electron';
import { installFakeElectron, loadFresh } from '../../support/fake-electron-loader';

const PRELOAD = path.resolve(__dirname, '../../../src/preload/index.ts');

function leaves(value: unknown, at = 'api'): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[at, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, `${at}.${key}`));
}

test('the preload exposes only the contract-derived api: functions, one per channel, no ipcRenderer', async () => {
  const fake = createFakeElectron();
  installFakeElectron(fake);
  loadFresh(PRELOAD);
  assert.deepEqual([...fake.contextBridge.exposed.keys()], ['api']);
  const api = fake.contextBridge.exposed.get('api');
  const all = leaves(api);
  assert.ok(all.every(([, value]) => typeof value === 'function'), 'every exposed value is a function');
  assert.equal(all.length, Object.keys(invokeContract).length + Object.keys(eventContract).length);
  assert.ok(!all.some(([, value]) => value === fake.ipcRenderer || value === fake.ipcRenderer.invoke || value === fake.ipcRenderer.on));

  const typed = api as { agents: { list(): Promise<unknown> }; onMessageChanged(cb: (p: unknown) => void): () => void };
  await typed.agents.list();
  assert.deepEqual(fake.ipcRenderer.invoked, [{ channel: 'agents:list', request: {} }]);

  // Listeners get the payload only: the IpcRendererEvent (with its sender) never reaches the page.
  const received: unknown[][] = [];
  const off = typed.onMessageChanged((...args) => received.push(args));
  fake.ipcRenderer.emit('message:changed', { sender: 'secret' }, { id: 'm1' });
  off();
  fake.ipcRenderer.emit('message:changed', { sender: 'secret' }, { id: 'm2' });
  assert.deepEqual(received, [[{ id: 'm1' }]]);
  assert.equal(fake.ipcRenderer.listenerCount('message:changed'), 0, 'unsubscribe removes the ipc listener');
});
