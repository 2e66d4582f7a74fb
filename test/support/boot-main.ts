import path from 'node:path';
import type { TestContext } from 'node:test';
import { createFakeElectron, type FakeBrowserWindow, type FakeElectron, nextOnHub } from './fake-electron';
import { installFakeElectron, loadFresh } from './fake-electron-loader';

export const MAIN_ENTRY = path.resolve(__dirname, '../../src/main/index.ts');

export interface BootedMain {
  fake: FakeElectron;
  window: FakeBrowserWindow;
  /** Quits as a user would and resolves once the wiring has closed the core and really quit. */
  quit(): Promise<void>;
}

/**
 * Loads the real src/main/index.ts against a fresh fake electron, as `electron out/main/index.js ARGS` would, and
 * waits for its first window. The app is quit when the test ends.
 */
export async function bootMain(
  t: TestContext,
  args: string[],
  fakeOptions: Parameters<typeof createFakeElectron>[0] = {},
  prepare: (fake: FakeElectron) => void = () => {},
): Promise<BootedMain> {
  const fake = createFakeElectron(fakeOptions);
  installFakeElectron(fake);
  prepare(fake);
  process.argv = [process.execPath, 'out/main/index.js', ...args];
  const windowCreated = nextOnHub<[FakeBrowserWindow]>(fake, 'window');
  loadFresh(MAIN_ENTRY);
  fake.app.emitReady();
  const [window] = await windowCreated;
  const quit = async () => {
    if (fake.app.quitted) return;
    const quitted = nextOnHub(fake, 'quit');
    fake.app.quit();
    await quitted;
  };
  t.after(quit);
  return { fake, window, quit };
}
