/**
 * The browser host is the app's door when Electron cannot run: anything on this machine (another user's process, a
 * web page in the operator's browser) can reach a loopback port. These tests knock on it the ways they would.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
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

test('the page needs the token; a wrong, empty or missing one is refused', async (t) => {
  const host = await startHost(t);
  const path = new URL(host.url).pathname + new URL(host.url).search;
  assert.equal(await get(host, path), 200);
  for (const bad of ['/', '/index.html', '/?token=', '/?token=nope', `/?token=${host.token.slice(1)}`, `/index.html?token=${host.token}x`]) {
    assert.equal(await get(host, bad), 401, bad);
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
