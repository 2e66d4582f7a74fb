import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, openPrivateFile, tightenFile } from '../core/store/private-files';

/**
 * The browser host's token and port, kept in the data dir so that an open tab survives a restart of the app with
 * the same data dir: same origin, same token, and the page reconnects by itself instead of showing "link expired".
 * The token opens the whole log, so the file is 600 in the 700 data dir, like the log itself.
 */
export const HOST_TOKEN_FILE = 'browser-host.json';

export interface HostIdentity {
  token: string;
  /** The port the host listened on last time, to try again first; null when none was kept. */
  port: number | null;
}

export interface LoadHostIdentityOptions {
  /** `--new-token`: mint a new token even if one is kept, so every link handed out before stops working. */
  newToken?: boolean;
  log?: (message: string) => void;
}

/** 32 random bytes, like the host's default: unguessable and URL-safe. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** A real file is about 80 bytes; anything far larger is not ours, and is not read whole. */
const MAX_FILE_BYTES = 4096;

/**
 * The kept identity, or a new one written in its place when there is none, it is unreadable or damaged (each said in
 * one log line that never holds the token), or `newToken` asks for one.
 */
export function loadHostIdentity(dataDir: string, options: LoadHostIdentityOptions = {}): HostIdentity {
  const log = options.log ?? ((message: string) => console.warn(`[browser-host] ${message}`));
  const file = path.join(dataDir, HOST_TOKEN_FILE);
  ensurePrivateDir(dataDir);
  const kept = readKept(file, log);
  if (kept !== null && !options.newToken) {
    if (tightenFile(file)) log(`${file} could be read by other users; it is now private (600).`);
    return kept;
  }
  if (kept !== null) log(`A new browser host token was made (--new-token); links handed out before no longer open the console.`);
  const fresh: HostIdentity = { token: randomBytes(32).toString('base64url'), port: kept?.port ?? null };
  writeHostIdentity(dataDir, fresh);
  return fresh;
}

/** Keeps `identity`, replacing the file whole (written beside it, then renamed) so a crash never leaves half of it. */
export function writeHostIdentity(dataDir: string, identity: HostIdentity): void {
  const file = path.join(dataDir, HOST_TOKEN_FILE);
  const partial = `${file}.partial`;
  const fd = openPrivateFile(partial);
  try {
    fs.writeSync(fd, `${JSON.stringify({ version: 1, token: identity.token, port: identity.port })}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
}

function readKept(file: string, log: (message: string) => void): HostIdentity | null {
  let text: string;
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) {
      log(`${file} is not a browser host token file (${stat.isFile() ? `${stat.size} bytes` : 'not a regular file'}); replacing it with a new token.`);
      if (!stat.isFile()) fs.rmSync(file, { recursive: true, force: true });
      return null;
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    log(`${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); replacing it with a new token.`);
    return null;
  }
  const parsed = parseIdentity(text);
  if (parsed === null) {
    log(`${file} is ${text.trim() === '' ? 'empty' : 'damaged'}; replacing it with a new token (open the new link once).`);
  }
  return parsed;
}

function parseIdentity(text: string): HostIdentity | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { token, port } = value as { token?: unknown; port?: unknown };
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return null;
  const validPort = typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? port : null;
  return { token, port: validPort };
}
