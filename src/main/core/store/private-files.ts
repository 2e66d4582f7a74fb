import fs from 'node:fs';
import path from 'node:path';

/**
 * The data dir holds the whole log and agent tokens, so it is the operator's alone: the dir and every folder the
 * console makes in it are 700, every file 600. The modes are set explicitly after creating, not left to the umask
 * (a umask of 000 or 022 would make them group- or world-readable). SQLite gives its -wal, -shm and -journal
 * files the mode of their database file, so a log created 600 keeps its companions 600 too.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The folders the console writes inside the data dir, tightened with it on start. */
export const PRIVATE_SUBDIRS = ['backups', 'exports', 'recovered', 'review'] as const;

/** Creates `dir` (and missing parents) if needed and makes it 700. Returns true if it existed and was looser. */
export function ensurePrivateDir(dir: string): boolean {
  const created = fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const mode = fs.statSync(dir).mode & 0o777;
  if (mode === PRIVATE_DIR_MODE) return false;
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
  return created === undefined && (mode & 0o077) !== 0;
}

/**
 * Opens `file` for writing with mode 600 (O_CREAT's mode is masked by the umask; fchmod is not), truncating it.
 * Returns the fd; the caller closes it.
 */
export function openPrivateFile(file: string): number {
  const fd = fs.openSync(file, 'w', PRIVATE_FILE_MODE);
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  return fd;
}

/**
 * Creates an empty 600 file for SQLite to write into (a backup target, a VACUUM INTO copy, a new log): SQLite
 * would otherwise create it 644 minus the umask.
 */
export function createPrivateFile(file: string): void {
  fs.closeSync(openPrivateFile(file));
}

/** Makes an existing file 600 if it is readable or writable by others. Returns true if it had to. */
export function tightenFile(file: string): boolean {
  let mode: number;
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return false;
    mode = stat.mode & 0o777;
  } catch {
    return false;
  }
  if ((mode & 0o077) === 0) return false;
  fs.chmodSync(file, PRIVATE_FILE_MODE);
  return true;
}

/**
 * Brings a data dir made by an older version (or by hand) to 700/600: the dir, the log and its companions, and
 * the console's own folders with their files. Returns what it changed, for one line in the log, and what it could
 * not: a dir shared with others (sticky, like /tmp) or owned by someone else is never chmod-ed, only reported.
 * Windows has no such mode bits (the profile's ACLs keep userData private), so it does nothing there.
 */
export function tightenDataDir(dataDir: string, logFile: string): { tightened: string[]; problems: string[] } {
  const changed: string[] = [];
  const problems: string[] = [];
  if (process.platform === 'win32') return { tightened: changed, problems };
  if (fs.existsSync(dataDir)) {
    const stat = fs.statSync(dataDir);
    const foreign = typeof process.getuid === 'function' && stat.uid !== process.getuid();
    if ((stat.mode & 0o1000) !== 0 || foreign) {
      problems.push(`${dataDir} is a shared directory or belongs to another user; give the console a data dir of its own`);
      return { tightened: changed, problems };
    }
  }
  if (ensurePrivateDir(dataDir)) changed.push(dataDir);
  // The log, its -wal/-shm/-journal, and damaged logs set aside beside it, all named after it.
  const stem = path.basename(logFile).replace(/\.sqlite$/, '');
  for (const entry of fs.readdirSync(dataDir)) {
    if (entry.startsWith(stem) && tightenFile(path.join(dataDir, entry))) changed.push(path.join(dataDir, entry));
  }
  for (const name of PRIVATE_SUBDIRS) {
    const dir = path.join(dataDir, name);
    if (!fs.existsSync(dir)) continue;
    if (ensurePrivateDir(dir)) changed.push(dir);
    for (const entry of fs.readdirSync(dir)) {
      if (tightenFile(path.join(dir, entry))) changed.push(path.join(dir, entry));
    }
  }
  return { tightened: changed, problems };
}
