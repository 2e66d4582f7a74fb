import fs from 'node:fs';
import path from 'node:path';
import type { Rectangle } from 'electron';
import { z } from 'zod';

/** The main window's size, place and maximized flag, kept in userData so the app reopens where it was left. */
export interface WindowState {
  bounds: { x?: number; y?: number; width: number; height: number };
  isMaximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { width: 1200, height: 800 }, isMaximized: false };
export const WINDOW_STATE_FILE = 'window-state.json';

const StoredState = z.object({
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(200).max(20_000),
    height: z.number().int().min(150).max(20_000),
  }),
  isMaximized: z.boolean(),
});

/**
 * Reads the saved state. A missing or corrupt file gives the default; saved bounds that no longer overlap any
 * display's work area (a monitor was unplugged) keep their size but lose their position, so the OS centres the
 * window instead of opening it off-screen.
 */
export function loadWindowState(file: string, workAreas: Rectangle[]): WindowState {
  let stored: z.infer<typeof StoredState>;
  try {
    stored = StoredState.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const { x, y, width, height } = stored.bounds;
  const visible = workAreas.some((area) => overlapsEnough(stored.bounds, area));
  return { bounds: visible ? { x, y, width, height } : { width, height }, isMaximized: stored.isMaximized };
}

/** The slice of BrowserWindow this needs, so a fake window can stand in. */
export interface StatefulWindow {
  isMaximized(): boolean;
  getNormalBounds(): Rectangle;
  on(event: 'close', listener: () => void): unknown;
}

/** Saves the state when the window closes (the one moment it is final), atomically so a crash never corrupts it. */
export function persistWindowState(window: StatefulWindow, file: string, onError: (error: unknown) => void): void {
  window.on('close', () => {
    const state = { bounds: window.getNormalBounds(), isMaximized: window.isMaximized() };
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(state), { mode: 0o600 });
      fs.renameSync(temp, file);
    } catch (error) {
      onError(error);
    }
  });
}

/** At least a 100×50 corner of the window (enough to grab its title bar) must be on the display. */
function overlapsEnough(a: Rectangle, b: Rectangle): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= 100 && height >= 50;
}
