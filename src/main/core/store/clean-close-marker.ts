import fs from 'node:fs';
import path from 'node:path';

/**
 * The clean-close marker lets a start skip the blocking quick_check (5 s at 1M messages) when the log was closed
 * cleanly last time. It is written after the last connection closed, and records the file's size and mtime, so a
 * log that changed while the console was not running (copied over, edited by another tool) is checked as if the
 * close had been unclean.
 *
 * Opening takes the marker away first: if this run then dies (kill -9, power cut), the next start finds no marker
 * and checks the file before acking anything into it.
 */
export function cleanCloseMarkerFile(file: string): string {
  return `${file}.clean-close`;
}

interface Marker {
  size: number;
  mtimeMs: number;
  closedAt: number;
}

/**
 * Writes the marker for a log whose connections are all closed. Returns false when it cannot (the file is gone, the
 * directory is read-only): the next start then checks the log, which is only slower.
 */
export function markCleanClose(file: string, closedAt: number): boolean {
  try {
    writeMarker(file, closedAt);
    return true;
  } catch {
    return false;
  }
}

function writeMarker(file: string, closedAt: number): void {
  const stat = fs.statSync(file);
  const marker: Marker = { size: stat.size, mtimeMs: stat.mtimeMs, closedAt };
  const markerFile = cleanCloseMarkerFile(file);
  fs.writeFileSync(markerFile, JSON.stringify(marker), { mode: 0o600 });
  syncDirectory(path.dirname(file));
}

/**
 * Removes the marker and says whether the log was closed cleanly and left as it was: true only when the marker was
 * there, matches the file, and no write-ahead log is left over (a clean close of the last connection removes it).
 */
export function takeCleanCloseMarker(file: string): boolean {
  const markerFile = cleanCloseMarkerFile(file);
  let marker: Marker | null = null;
  try {
    marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Marker;
  } catch {
    marker = null;
  }
  if (fs.existsSync(markerFile)) {
    fs.rmSync(markerFile, { force: true });
    // The removal must outlive a power cut that follows, or the next start would trust a log this run wrote to.
    syncDirectory(path.dirname(file));
  }
  if (marker === null || !fs.existsSync(file)) return false;
  const stat = fs.statSync(file);
  const wal = `${file}-wal`;
  const walLeft = fs.existsSync(wal) && fs.statSync(wal).size > 0;
  // Whole milliseconds: some file systems and copy tools keep no finer mtime.
  return !walLeft && stat.size === marker.size && Math.trunc(stat.mtimeMs) === Math.trunc(marker.mtimeMs);
}

function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems (and Windows) cannot fsync a directory; the marker is then as durable as the OS makes it.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
