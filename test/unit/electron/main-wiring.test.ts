/**
 * The real Electron main (src/main/index.ts, unchanged) loaded against a fake `electron` module: these tests assert
 * what the wiring asks of Electron. They do not show that Electron honours it; test/electron does, where the binary
 * exists.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { APP_PAGE_URL } from '../../../src/main/electron/app-protocol';
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy';
import { invokeContract, type Result } from '../../../src/shared/contract';
import type { Agent, Message } from '../../../src/shared/domain';
import { bootMain } from '../../support/boot-main';
import { createFakeElectron, fakeEvent, type FakeNotification, nextOnHub } from '../../support/fake-electron';
import { installFakeElectron, loadFresh } from '../../support/fake-electron-loader';
import { MAIN_ENTRY } from '../../support/boot-main';
import { tempDir } from '../../support/temp-dir';

const root = path.resolve(__dirname, '../../..');

type Handler = (event: unknown, request: unknown) => Promise<Result<unknown>>;
function ipc(fake: ReturnType<typeof createFakeElectron>, channel: string, request: unknown, frameUrl = APP_PAGE_URL) {
  const handler = fake.ipcMain.handlers.get(channel) as Handler | undefined;
  assert.ok(handler, `no handler bound for ${channel}`);
  return handler({ senderFrame: { url: frameUrl } }, request);
}

test('before ready: --data-dir becomes userData, the app scheme is privileged, the single-instance lock is claimed', async (t) => {
  const dataDir = tempDir();
  const { fake } = await bootMain(t, ['--data-dir', dataDir]);
  assert.equal(fake.app.getPath('userData'), dataDir);
  assert.deepEqual(fake.protocol.privileged, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  assert.equal(fake.app.lockRequests, 1);
  assert.ok(fs.existsSync(path.join(dataDir, 'twin-console.sqlite')), 'the log is opened in --data-dir');
});

test('without --data-dir the log lives in userData/data', async (t) => {
  const userData = tempDir();
  await bootMain(t, [], {}, (fake) => fake.setPath('userData', userData));
  assert.ok(fs.existsSync(path.join(userData, 'data', 'twin-console.sqlite')));
});

test('the window is sandboxed and isolated, with the built preload, and loads only the app page', async (t) => {
  const { window } = await bootMain(t, ['--data-dir', tempDir()]);
  const prefs = window.options.webPreferences ?? {};
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  // index.ts computes the preload path from its own folder: src/main -> src/preload/index.js here, and out/main ->
  // out/preload/index.js in the build (test/unit/electron/built-main.test.ts checks that file exists).
  assert.equal(prefs.preload, path.join(root, 'src/preload/index.js'));
  assert.equal(window.loadedUrl, 'app://twin-console/index.html');
  assert.equal(window.options.show, false, 'shown only when painted');
  window.emit('ready-to-show');
  assert.equal(window.visible, true);
});

test('the app scheme serves the renderer with the CSP header, and nothing outside it', async (t) => {
  const { fake } = await bootMain(t, ['--data-dir', tempDir()]);
  const handler = fake.protocol.handlers.get('app');
  assert.ok(handler, 'protocol.handle("app") was called');
  const page = await handler(new Request('app://twin-console/index.html'));
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.equal(csp, contentSecurityPolicy());
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval|https?:/);
  const html = await page.text();
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(meta, /script-src 'self';/, 'the page carries the same policy as a meta tag');
  assert.doesNotMatch(meta, /unsafe-eval/);
  for (const url of ['app://twin-console/%2e%2e/%2e%2e/package.json', 'app://twin-console/../main/index.ts', 'app://evil/index.html']) {
    assert.equal((await handler(new Request(url))).status, 404, url);
  }
});

test('IPC: every channel is bound; foreign senders and invalid payloads get typed errors; chat reaches the window', async (t) => {
  const { fake, window } = await bootMain(t, ['--data-dir', tempDir()]);
  assert.deepEqual([...fake.ipcMain.handlers.keys()].sort(), Object.keys(invokeContract).sort());

  const foreign = await ipc(fake, 'agents:list', {}, 'https://evil.example/');
  assert.deepEqual(foreign.ok ? null : foreign.error.code, 'FORBIDDEN_SENDER');
  const invalid = await ipc(fake, 'messages:send', { agentId: 'cmo-twin', text: '', extra: 1 });
  assert.deepEqual(invalid.ok ? null : invalid.error.code, 'INVALID_REQUEST');

  // The demo fleet is up through the real core; its events are forwarded to the window.
  // Link-level changes reach windows batched, as `agents:changed` (a link may carry thousands of agents).
  await nextOnHub<[string, Agent[]]>(fake, 'sent', (channel, agents) => channel === 'agents:changed' && agents.some((a) => a.id === 'cmo-twin' && a.linkState === 'online'));
  const reply = nextOnHub<[string, Message]>(fake, 'sent', (channel, m) => channel === 'message:changed' && m.direction === 'in');
  const notified = nextOnHub<[FakeNotification]>(fake, 'notification');
  const sent = await ipc(fake, 'messages:send', { agentId: 'cmo-twin', text: 'How is the campaign doing?' });
  assert.equal(sent.ok, true);
  const [, message] = await reply;
  assert.equal(message.agentId, 'cmo-twin');

  // The window was not focused: a notification, the unread badge, and a click brings the window back.
  const [notification] = await notified;
  assert.equal(notification.options.title, 'CMO Twin');
  assert.equal(fake.app.badgeCounts.at(-1), 1);
  assert.match(fake.Tray.instances[0]?.toolTips.at(-1) ?? '', /1 unread message/);
  notification.emit('click');
  assert.equal(window.focused, true);
  assert.equal(fake.app.badgeCounts.at(-1), 0, 'focusing the window clears the unread count');
});

test('navigation and window-open guards: the app never leaves its page; only http(s) goes to the browser', async (t) => {
  const { fake, window } = await bootMain(t, ['--data-dir', tempDir()]);
  const contents = window.webContents;
  const navigate = (url: string) => {
    const event = fakeEvent();
    contents.emit('will-navigate', event, url);
    return event.defaultPrevented;
  };
  assert.equal(navigate('https://example.com/docs'), true);
  assert.equal(navigate('file:///etc/passwd'), true);
  assert.equal(navigate('javascript:alert(1)'), true);
  assert.equal(navigate(`${APP_PAGE_URL}#/agents`), false, 'in-page navigation of our own page is fine');
  const redirect = fakeEvent();
  contents.emit('will-redirect', redirect, 'https://elsewhere.example/');
  assert.equal(redirect.defaultPrevented, true);

  const open = (url: string) => contents.windowOpenHandler?.({ url });
  assert.deepEqual(open('https://example.com/blank'), { action: 'deny' });
  assert.deepEqual(open('smb://host/share'), { action: 'deny' });
  assert.deepEqual(open('https://user:pass@evil.example/'), { action: 'deny' });
  assert.deepEqual(open('mailto:ops@example.com'), { action: 'deny' });
  await Promise.resolve();
  assert.deepEqual(fake.shell.opened, ['https://example.com/docs', 'https://example.com/blank']);

  const webview = fakeEvent();
  contents.emit('will-attach-webview', webview, {}, {});
  assert.equal(webview.defaultPrevented, true);
  const decisions: boolean[] = [];
  contents.session.permissionRequestHandler?.(contents, 'media', (granted: boolean) => decisions.push(granted));
  contents.session.permissionRequestHandler?.(contents, 'notifications', (granted: boolean) => decisions.push(granted));
  assert.deepEqual(decisions, [false, false]);
  assert.equal(contents.session.permissionCheckHandler?.(contents, 'clipboard-read', APP_PAGE_URL, {}), false);
});

test('single instance: a second launch quits before doing anything', async () => {
  const fake = createFakeElectron({ lockAvailable: false });
  installFakeElectron(fake);
  process.argv = [process.execPath, 'out/main/index.js', '--data-dir', tempDir()];
  loadFresh(MAIN_ENTRY);
  fake.app.emitReady();
  await fake.app.whenReady();
  assert.equal(fake.app.quitRequests, 1);
  assert.equal(fake.BrowserWindow.instances.length, 0);
  assert.equal(fake.ipcMain.handlers.size, 0);
  assert.equal(fake.protocol.handlers.size, 0);
});

test('single instance: the first instance restores and focuses its window when a second is launched', async (t) => {
  const { fake, window } = await bootMain(t, ['--data-dir', tempDir()]);
  window.minimized = true;
  fake.app.emit('second-instance', fakeEvent(), ['twin-console'], '/');
  assert.equal(window.minimized, false);
  assert.equal(window.focused, true);
  assert.equal(fake.BrowserWindow.instances.length, 1, 'no second window');
});

test('window state is saved on close and restored; an off-screen position is dropped', async (t) => {
  const dataDir = tempDir();
  const first = await bootMain(t, ['--data-dir', dataDir]);
  first.window.bounds = { x: 300, y: 200, width: 1000, height: 700 };
  first.window.maximized = true;
  const quitted = nextOnHub(first.fake, 'quit');
  first.window.close(); // the last window: on Linux and Windows the app quits
  await quitted;

  const second = await bootMain(t, ['--data-dir', dataDir]);
  assert.deepEqual(
    [second.window.options.x, second.window.options.y, second.window.options.width, second.window.options.height],
    [300, 200, 1000, 700],
  );
  second.window.emit('ready-to-show');
  assert.equal(second.window.maximized, true);
  await second.quit();

  const third = await bootMain(t, ['--data-dir', dataDir], {}, (fake) => {
    fake.screen.workAreas = [{ x: 2000, y: 0, width: 1280, height: 800 }];
  });
  assert.equal(third.window.options.x, undefined);
  assert.equal(third.window.options.width, 1000);
});

test('the application menu has the standard roles and the app actions', async (t) => {
  const dataDir = tempDir();
  const { fake } = await bootMain(t, ['--data-dir', dataDir]);
  type Item = { role?: string; id?: string; label?: string; click?: () => void; submenu?: Item[] };
  const template = (fake.Menu.applicationMenu?.template ?? []) as Item[];
  const all = (items: Item[]): Item[] => items.flatMap((item) => [item, ...all(item.submenu ?? [])]);
  const roles = all(template).map((item) => item.role).filter(Boolean);
  for (const role of ['editMenu', 'reload', 'togglefullscreen', 'zoomIn', 'minimize', 'window', 'help', 'quit', 'toggleDevTools']) {
    assert.ok(roles.includes(role), `menu has role ${role}`);
  }
  all(template).find((item) => item.id === 'open-data-folder')?.click?.();
  assert.deepEqual(fake.shell.openedPaths, [dataDir]);
});

test('the tray brings the window back and quits', async (t) => {
  const { fake, window } = await bootMain(t, ['--data-dir', tempDir()]);
  const tray = fake.Tray.instances[0];
  assert.ok(tray, 'a tray icon is created');
  type Item = { id?: string; click?: () => void };
  const items = (tray.contextMenu?.template ?? []) as Item[];
  window.visible = false;
  items.find((item) => item.id === 'tray-show')?.click?.();
  assert.equal(window.visible, true);
  assert.equal(window.focused, true);
  const quitted = nextOnHub(fake, 'quit');
  items.find((item) => item.id === 'tray-quit')?.click?.();
  await quitted;
});

test('a launch error is one clear line and a dialog, then exit 1', async () => {
  const fake = createFakeElectron();
  installFakeElectron(fake);
  process.argv = [process.execPath, 'out/main/index.js', '--port', 'not-a-port'];
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => lines.push(line);
  try {
    loadFresh(MAIN_ENTRY);
  } finally {
    console.error = original;
  }
  assert.equal(fake.app.exitCode, 1);
  assert.deepEqual(lines, ['Twin Console could not start: --port must be 0-65535, got not-a-port']);
  assert.equal(fake.dialog.errors[0]?.title, 'Twin Console could not start');
});
