import type { App } from 'electron';

/**
 * Claims the single-instance lock. Returns false in a second launch, which must then quit at once: the first
 * instance owns the message log (two writers would race the agents' acks) and is told to show itself instead.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>,
  onSecondInstance: (argv: string[]) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}
