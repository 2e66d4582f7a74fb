/**
 * The browser host is the app's door when Electron cannot run: anything on this machine (another user's process, a
 * web page in the operator's browser) can reach a loopback port. These tests knock on it the ways they would.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { type BrowserHost, startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { RENDERER_DIR } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';

async function startHost(t: import('node:test').TestContext): Promise<BrowserHost> {
  const core = createCore({ dataDir: tempDir(), logger: silentLogger });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(async () => {
    await host.close();
    await core.close();
  });
  return host;
}

/** A raw GET with full control of the Host header, which fetch() will not let a caller set. */
function get(host: BrowserHost, path: string, headers: Record<string, string> = {}): Promise<number> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

function socketStatus(host: BrowserHost, { token = host.token, origin, hostHeader }: { token?: string; origin?: string; hostHeader?: string }) {
  return new Promise<number>((resolve) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api?token=${encodeURIComponent(token)}`, {
      ...(origin ? { origin } : {}),
      ...(hostHeader ? { headers: { host: hostHeader } } : {}),
    });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

test('a page link with a wrong or empty token is refused with a page saying how to get a new link', async (t) => {
  const host = await startHost(t);
  const path = new URL(host.url).pathname + new URL(host.url).search;
  assert.equal(await get(host, path), 200);
  for (const bad of ['/?token=', '/?token=nope', `/?token=${host.token.slice(1)}`, `/index.html?token=${host.token}x`]) {
    assert.equal(await get(host, bad), 401, bad);
  }
  const expired = await fetch(`${host.origin}/?token=nope`);
  assert.match(expired.headers.get('content-type') ?? '', /text\/html/);
  assert.match(await expired.text(), /This Twin Console link has expired[\s\S]*Open this URL in a browser/);
  // No token at all loads the shell (public code, no data): it takes the token from its session or asks for a link.
  assert.equal(await get(host, '/'), 200);
});

test('/session answers whether a token opens the host, from the header only', async (t) => {
  const host = await startHost(t);
  const session = (headers: Record<string, string>) => fetch(`${host.origin}/session`, { headers }).then((r) => r.status);
  assert.equal(await session({ 'x-twin-console-token': host.token }), 204);
  assert.equal(await session({ 'x-twin-console-token': 'nope' }), 401);
  assert.equal(await session({}), 401);
  assert.equal((await fetch(`${host.origin}/session?token=${host.token}`)).status, 401);
});

test('every response carries the security headers: no referrer, no framing, no sniffing, same-origin only', async (t) => {
  const host = await startHost(t);
  const page = await fetch(host.url);
  const asset = await fetch(`${host.origin}/?token=nope`);
  for (const response of [page, asset]) {
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin');
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self';/);
  }
});

test('the socket needs the token and the page origin; another origin or no origin is refused', async (t) => {
  const host = await startHost(t);
  assert.equal(await socketStatus(host, { origin: host.origin }), 101);
  assert.equal(await socketStatus(host, { origin: 'http://evil.example' }), 403);
  assert.equal(await socketStatus(host, { origin: 'http://localhost' + host.origin.slice('http://127.0.0.1'.length) }), 403);
  assert.equal(await socketStatus(host, {}), 403, 'a non-browser client without Origin');
  assert.equal(await socketStatus(host, { origin: host.origin, token: 'wrong' }), 401);
  assert.equal(await socketStatus(host, { origin: host.origin, token: '' }), 401);
});

test('a request naming another Host (DNS rebinding) is refused, page and socket', async (t) => {
  const host = await startHost(t);
  const { port, search } = new URL(host.url);
  assert.equal(await get(host, `/${search}`, { host: `rebind.evil.example:${port}` }), 421);
  assert.equal(await get(host, '/assets/', { host: 'evil.example' }), 421);
  assert.equal(await socketStatus(host, { origin: host.origin, hostHeader: `evil.example:${port}` }), 421);
});

test('it listens on 127.0.0.1 only: not on IPv6 loopback nor on any other interface', async (t) => {
  const host = await startHost(t);
  const port = Number(new URL(host.origin).port);
  const others = Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && i.address !== '127.0.0.1')
    .map((i) => i.address);
  const reached = (address: string) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: address, port, timeout: 2000 }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
      socket.on('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
  assert.equal(await reached('127.0.0.1'), true);
  for (const address of ['::1', ...others]) assert.equal(await reached(address), false, address);
});

test('only GET and HEAD; paths outside the renderer are not served', async (t) => {
  const host = await startHost(t);
  const post = await fetch(host.url, { method: 'POST' });
  assert.equal(post.status, 405);
  for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
    assert.equal(await get(host, path), 404, path);
  }
});

test('only regular files whose real path is inside the renderer: no symlink out, no dotfile, no directory', async (t) => {
  const renderer = tempDir();
  fs.cpSync(RENDERER_DIR, renderer, { recursive: true });
  const outside = path.join(tempDir(), 'secret.txt');
  fs.writeFileSync(outside, 'operator secret');
  fs.symlinkSync(outside, path.join(renderer, 'assets', 'leak.txt'));
  fs.symlinkSync(path.dirname(outside), path.join(renderer, 'outside-dir'));
  fs.writeFileSync(path.join(renderer, '.env'), 'TOKEN=x');
  fs.mkdirSync(path.join(renderer, 'assets', '.hidden'));
  fs.writeFileSync(path.join(renderer, 'assets', '.hidden', 'a.js'), '1');
  const core = createCore({ dataDir: tempDir(), logger: silentLogger });
  const host = await startBrowserHost({ core, rendererDir: renderer, log: () => {} });
  t.after(async () => {
    await host.close();
    await core.close();
  });
  const asset = fs.readdirSync(path.join(renderer, 'assets')).find((name) => name.endsWith('.js'));
  assert.equal(await get(host, `/assets/${asset}`), 200, 'a real asset is served');
  for (const bad of ['/assets/leak.txt', '/outside-dir/secret.txt', '/.env', '/%2eenv', '/assets/.hidden/a.js', '/assets', '/assets/', '/%E0%A4%A', '/assets/%00']) {
    assert.equal(await get(host, bad), 404, bad);
  }
});

test('a cross-origin request (a script on another site) is refused on every route', async (t) => {
  const host = await startHost(t);
  const { pathname, search } = new URL(host.url);
  for (const route of [`${pathname}${search}`, '/session', '/index.html']) {
    assert.equal(await get(host, route, { origin: 'http://evil.example' }), 403, route);
    assert.equal(await get(host, route, { origin: 'null' }), 403, route);
  }
  assert.equal(await get(host, `${pathname}${search}`, { origin: host.origin }), 200);
});
