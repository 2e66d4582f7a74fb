/**
 * Exposes the contract-derived `api` to the sandboxed renderer. Forwarding only: validation happens in main, and no
 * raw ipcRenderer (nor any channel the contract does not name) ever reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../shared/contract';

const api = buildApi({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe: (event, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);
