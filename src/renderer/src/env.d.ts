/// <reference types="vite/client" />
import type { Api } from '@shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload. Absent in the browser host, where lib/api.ts connects over a socket. */
    api?: Api;
  }
}
