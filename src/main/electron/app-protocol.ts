import fs from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import { contentTypeOf } from '../content-types';

/**
 * The built renderer is served from a privileged `app://twin-console/` scheme rather than file://. A file:// page
 * shares its origin with every local file and gets no response headers (so no CSP header); this scheme gives the
 * page one origin of its own, serves only files under out/renderer, and sends the CSP header on every page.
 * Registered in index.ts with protocol.registerSchemesAsPrivileged (before ready) and protocol.handle (after).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'twin-console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** protocol.handle's handler: Request in, Response out. Pure Node (fetch types), so it is tested without Electron. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response(null, { status: 404 });
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return new Response(null, { status: 400 });
    }
    const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (!file.startsWith(root + path.sep)) return new Response(null, { status: 404 });
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return new Response(null, { status: 404 });
    }
    const headers: Record<string, string> = {
      'content-type': contentTypeOf(file),
      'x-content-type-options': 'nosniff',
    };
    if (path.extname(file) === '.html') headers['content-security-policy'] = contentSecurityPolicy();
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
