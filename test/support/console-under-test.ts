import path from 'node:path';
import { type DemoFleet, startDemoFleet } from '../../src/agent-kit/demo/demo-fleet';
import { type BrowserHost, startBrowserHost } from '../../src/main/browser-host/browser-host';
import { type Core, createCore, silentLogger } from '../../src/main/core';

export const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');

export interface ConsoleUnderTest {
  core: Core;
  host: BrowserHost;
  demo: DemoFleet;
  stop(): Promise<void>;
}

/** The app as `npm start` runs it here: demo fleet, core on `dataDir`, browser host serving the built renderer. */
export async function startConsole(dataDir: string, options: { a2a?: boolean } = {}): Promise<ConsoleUnderTest> {
  // Quiet: the tests assert on whole conversations, so no unsolicited demo traffic may land in them.
  const demo = await startDemoFleet({ activity: 'quiet', a2a: options.a2a === true });
  const urls = [...demo.urls, ...demo.a2aUrls];
  const core = createCore({ dataDir, endpoints: urls.map((url) => ({ url })), logger: silentLogger });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, exportsDir: path.join(dataDir, 'exports') });
  return {
    core,
    host,
    demo,
    stop: async () => {
      await host.close();
      await core.close();
      await demo.close();
    },
  };
}
