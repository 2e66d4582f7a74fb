import { type BrowserHost, type BrowserHostOptions, startBrowserHost } from './browser-host';
import { loadHostIdentity, writeHostIdentity } from './host-token-file';

export interface KeptHostOptions extends Omit<BrowserHostOptions, 'token' | 'port'> {
  dataDir: string;
  /** 0 (the default) means: the port kept from last time if it is free, else any free one. */
  port?: number;
  /** `--new-token`. */
  newToken?: boolean;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The browser host with the token and port kept in the data dir, so a tab left open reconnects by itself after a
 * restart: the same origin and the same token. A port taken meanwhile falls back to a free one, said in the log.
 */
export async function startKeptBrowserHost(options: KeptHostOptions): Promise<BrowserHost> {
  const { dataDir, newToken, port: requestedPort = 0, ...hostOptions } = options;
  const log = options.log ?? ((message: string) => console.warn(`[browser-host] ${message}`));
  const identity = loadHostIdentity(dataDir, { newToken, log });
  const start = (port: number) => startBrowserHost({ ...hostOptions, port, token: identity.token });
  let host: BrowserHost;
  if (requestedPort !== 0 || identity.port === null) {
    host = await start(requestedPort);
  } else {
    host = await start(identity.port).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
      log(`port ${identity.port} (used last time) is taken; a free one is used instead, so open tabs need the new link.`);
      return start(0);
    });
  }
  const port = Number(new URL(host.origin).port);
  if (port !== identity.port) writeHostIdentity(dataDir, { token: identity.token, port });
  return host;
}
