/**
 * Playwright `_electron` specs: they launch the real app, so they run only where the Electron binary exists. Here
 * they skip and say why; nothing in them pretends Electron ran. Each test gets a fresh --data-dir (which is also
 * its userData, so single-instance locks never collide).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from '../../scripts/electron-binary';
import { tempDir } from '../support/temp-dir';

const binary = findElectronBinary();
const skip = binary.found ? false : `Electron cannot run on this machine: ${binary.reason}`;
if (!binary.found) console.log(`# skipping test/electron: ${skip}`);

const root = path.resolve(__dirname, '../..');
const APP_URL = 'app://twin-console/index.html';

async function launch(t: TestContext): Promise<{ app: ElectronApplication; window: Page }> {
  if (!binary.found) throw new Error('unreachable: skipped');
  const app = await electron.launch({
    executablePath: binary.path,
    args: [path.join(root, 'out/main/index.js'), '--data-dir', tempDir()],
    cwd: root,
  });
  t.after(() => app.close());
  const window = await app.firstWindow();
  await window.locator('[data-agent-id="cmo-twin"][data-link-state="online"]').waitFor();
  return { app, window };
}

/** Replaces shell.openExternal in the main process with a recorder, so no browser opens during tests. */
async function recordOpenExternal(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    Object.assign(globalThis, { __opened: opened });
    shell.openExternal = async (url: string) => void opened.push(url);
  });
}
/**
 * Resolves in the main process once the recorder array globalThis[key] holds `count` entries. Main-process events
 * (will-navigate, notifications) arrive after the page-side action returns, so the test waits for them, not for time.
 */
function untilRecorded(app: ElectronApplication, key: string, count: number): Promise<unknown> {
  return app.evaluate(
    (_electron, { key, count }) =>
      new Promise<void>((resolve) => {
        const check = () => (((globalThis as unknown as Record<string, unknown[] | undefined>)[key]?.length ?? 0) >= count ? resolve() : setImmediate(check));
        check();
      }),
    { key, count },
  );
}
const openedUrls = (app: ElectronApplication) =>
  app.evaluate(() => [...((globalThis as { __opened?: string[] }).__opened ?? [])]);

test('launches sandboxed on the app page and chats with the demo CMO twin', { skip }, async (t) => {
  const { window } = await launch(t);
  assert.equal(await window.title(), 'Twin Console');
  assert.equal(window.url(), APP_URL);
  const sandboxed = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
  assert.equal(sandboxed, true, 'the renderer has no Node require');
  assert.equal(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process), 'undefined');
  await window.locator('[data-agent-id="cmo-twin"]').click();
  await window.getByRole('textbox', { name: 'Message CMO Twin' }).fill('What about the budget?');
  await window.keyboard.press('Enter');
  await window.locator('.message.incoming', { hasText: 'budget' }).waitFor();
});

test('external links, with and without target=_blank, leave the app page alone; only http(s) opens outside', { skip }, async (t) => {
  const { app, window } = await launch(t);
  await recordOpenExternal(app);
  // This file is type-checked without the DOM lib: the page-side code names the little DOM it uses.
  type Anchor = { id: string; href: string; target: string; textContent: string };
  type PageDocument = { createElement(tag: 'a'): Anchor; body: { prepend(node: Anchor): void } };
  await window.evaluate(() => {
    const document = (globalThis as unknown as { document: PageDocument }).document;
    const links = [
      ['file-link', 'file:///etc/passwd', ''],
      ['custom-link', 'smb://attacker.example/share', '_blank'],
      ['same-tab', 'https://example.com/same-tab', ''],
      ['new-tab', 'https://example.com/new-tab', '_blank'],
    ];
    for (const [id, href, target] of links) {
      const a = document.createElement('a');
      a.id = id ?? '';
      a.href = href ?? '';
      if (target) a.target = target;
      a.textContent = id ?? '';
      document.body.prepend(a);
    }
  });
  for (const id of ['file-link', 'custom-link', 'same-tab', 'new-tab']) {
    await window.click(`#${id}`);
    assert.equal(window.url(), APP_URL, `the app page stays after clicking ${id}`);
  }
  // The https links were handed to the OS in click order; had the file: or smb: link been, it would come first.
  await untilRecorded(app, '__opened', 2);
  const opened = await openedUrls(app);
  assert.deepEqual(opened, ['https://example.com/same-tab', 'https://example.com/new-tab']);
  assert.equal(app.windows().length, 1, 'no second window was opened');
});

test('a notification for a message that arrives in the background brings the window back when clicked', { skip }, async (t) => {
  const { app, window } = await launch(t);
  // Record notifications as the main process shows them, then hide the window so the app counts as in the background.
  await app.evaluate(({ Notification, BrowserWindow }) => {
    const shown: InstanceType<typeof Notification>[] = [];
    Object.assign(globalThis, { __notifications: shown });
    Notification.prototype.show = function (this: InstanceType<typeof Notification>) {
      shown.push(this);
    };
    BrowserWindow.getAllWindows()[0]?.hide();
  });
  type PageApi = { messages: { send(request: { agentId: string; text: string }): Promise<unknown> } };
  await window.evaluate(() =>
    (globalThis as unknown as { api: PageApi }).api.messages.send({ agentId: 'cmo-twin', text: 'Anything new?' }),
  );
  await untilRecorded(app, '__notifications', 1);
  const visible = await app.evaluate(({ BrowserWindow }) => {
    const shown = (globalThis as { __notifications?: { emit(event: string): void }[] }).__notifications ?? [];
    shown[0]?.emit('click');
    return BrowserWindow.getAllWindows()[0]?.isVisible() ?? false;
  });
  assert.equal(visible, true, 'clicking the notification shows the window');
});
