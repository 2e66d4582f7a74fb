import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { contentTypeOf } from '../content-types';

/**
 * The built renderer's files, and nothing else. A request names a file only through a path that decodes cleanly,
 * has no dot-segment or dotfile anywhere, resolves (symlinks followed) to a regular file inside the renderer
 * directory's own real path, and is opened as that resolved file. Every other request gets a 4xx; none can throw.
 */
export class StaticFiles {
  private readonly root: string;

  constructor(rendererDir: string) {
    this.root = fs.realpathSync(rendererDir);
  }

  /** The real path of the file a URL pathname names, or null for anything that may not be served. */
  resolve(pathname: string): string | null {
    const decoded = safeDecode(pathname);
    if (decoded === null || decoded.includes('\0') || decoded.includes('\\')) return null;
    const segments = decoded.split('/').filter((segment) => segment !== '');
    // Hidden files (.env, .git…) are never part of a build; '.' and '..' are never needed by the page.
    if (segments.length === 0 || segments.some((segment) => segment.startsWith('.'))) return null;
    let real: string;
    try {
      real = fs.realpathSync(path.join(this.root, ...segments));
    } catch {
      return null;
    }
    if (!real.startsWith(this.root + path.sep)) return null;
    return real;
  }

  /** Streams a resolved file; a file that vanished or turned into a directory since resolve() answers 404. */
  serve(request: http.IncomingMessage, response: http.ServerResponse, file: string, headers: Record<string, string>): void {
    let fd: number;
    try {
      fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
      if (!fs.fstatSync(fd).isFile()) {
        fs.closeSync(fd);
        throw new Error('not a regular file');
      }
    } catch {
      response.writeHead(404, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': contentTypeOf(file) });
    if (request.method === 'HEAD') {
      fs.closeSync(fd);
      response.end();
      return;
    }
    // pipeline, not pipe: a read error or a client gone mid-file ends both streams instead of throwing.
    pipeline(fs.createReadStream('', { fd }), response, () => {});
  }
}

/** decodeURIComponent that answers null instead of throwing URIError on a malformed escape. */
export function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
