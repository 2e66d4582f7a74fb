/**
 * No input on any route or socket of the browser host may end the process: one did (`GET /%E0%A4%A` threw URIError
 * out of the static handler, and every agent link dropped with it). The host runs in a child process here, so a crash
 * is seen as its exit; between every batch of hostile input it must still serve the page and answer a contract call.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { tempDir } from '../support/temp-dir';

const CHILD = path.resolve(__dirname, '../support/host-child.ts');

let child: ChildProcess;
let host: { origin: string; token: string; url: string };
let hostHeader: string;
let exit: string | null = null;

before(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', CHILD, tempDir()], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.on('exit', (code, signal) => (exit = `exited with code ${code}, signal ${signal}`));
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error(`the host child ${exit}`)));
  });
  host = JSON.parse(line) as typeof host;
  hostHeader = new URL(host.origin).host;
});
after(() => {
  child.kill('SIGKILL');
});

/**
 * Writes raw bytes on a fresh TCP connection and resolves with whatever came back once the server closes it. Half-
 * closing lets garbage end; a whole request says `Connection: close` instead, so its answer is awaited in full.
 */
function raw(bytes: Buffer | string, { reset = false, halfClose = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(host.origin).port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 10 s to ${JSON.stringify(String(bytes).slice(0, 80))}`));
    }, 10_000);
    socket.on('connect', () => {
      socket.write(bytes);
      if (reset) {
        socket.resetAndDestroy();
        clearTimeout(timer);
        resolve('');
      } else if (halfClose) socket.end();
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}

const request = (line: string, headers: string[] = [`Host: ${hostHeader}`], body = '') =>
  `${line}\r\n${headers.join('\r\n')}\r\n\r\n${body}`;

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api?token=${encodeURIComponent(host.token)}`, { origin: host.origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** One contract call over a fresh socket, the way the page makes it. */
async function invoke(channel: string, request: unknown = {}): Promise<{ ok: boolean; error?: { code: string } }> {
  const ws = await openSocket();
  try {
    return await new Promise((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { kind: string; id: number; result: { ok: boolean } };
        if (frame.kind === 'result' && frame.id === 1) resolve(frame.result);
      });
      ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel, request }));
    });
  } finally {
    ws.close();
  }
}

async function assertServing(after: string): Promise<void> {
  assert.equal(exit, null, `the host process died after ${after}`);
  const page = await fetch(host.url);
  assert.equal(page.status, 200, `the page is still served after ${after}`);
  await page.text();
  const result = await invoke('agents:list');
  assert.equal(result.ok, true, `a contract call still works after ${after}`);
}

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the URIError request of the finding and every other bad escape get a 4xx, and the host keeps serving', async () => {
  for (const target of ['/%E0%A4%A', '/assets/%E0%A4%A', '/%', '/%zz', '/%C0%AF', '/%00', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/assets/..%5c..%5cpackage.json', `/?token=%E0%A4%A`, '/?%']) {
    const answer = await raw(request(`GET ${target} HTTP/1.1`, [`Host: ${hostHeader}`, 'Connection: close']), { halfClose: false });
    assert.match(answer, target === '/?%' ? /^HTTP\/1\.1 200 / : /^HTTP\/1\.1 4\d\d /, target);
  }
  await assertServing('bad escapes');
});

test('bad request targets, methods and HTTP versions', async () => {
  const lines = [
    'GET http://[ HTTP/1.1',
    'GET http://evil.example/ HTTP/1.1',
    'GET * HTTP/1.1',
    'OPTIONS * HTTP/1.1',
    'CONNECT 127.0.0.1:22 HTTP/1.1',
    'FOO / HTTP/1.1',
    'get / HTTP/1.1',
    'DELETE / HTTP/1.1',
    'TRACE / HTTP/1.1',
    'PRI * HTTP/2.0',
    'GET / HTTP/9.9',
    'GET /',
    'GET',
    `GET /${'a'.repeat(100_000)} HTTP/1.1`,
  ];
  for (const line of lines) await raw(request(line, [`Host: ${hostHeader}`, 'Connection: close']));
  await raw('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
  await raw(request('POST / HTTP/1.1', [`Host: ${hostHeader}`, 'Content-Length: 1000000'], 'x'.repeat(100_000)));
  await raw(request('POST / HTTP/1.1', [`Host: ${hostHeader}`, 'Transfer-Encoding: chunked'], 'zz\r\nnot a chunk\r\n'));
  await raw(request('POST / HTTP/1.1', [`Host: ${hostHeader}`, 'Content-Length: 5', 'Transfer-Encoding: chunked'], '0\r\n\r\n'));
  await assertServing('bad targets and methods');
});

test('bad, huge and missing headers, and bad Host and Origin', async () => {
  const cases: string[][] = [
    [],
    ['Host: evil.example'],
    [`Host: ${hostHeader}`, `Host: evil.example`],
    ['Host: \u00e9\u00e9'],
    [`Host: ${hostHeader}`, 'no colon here'],
    [`Host: ${hostHeader}`, 'X-Nul: a\u0000b'],
    [`Host: ${hostHeader}`, `X-Huge: ${'h'.repeat(70_000)}`],
    [`Host: ${hostHeader}`, ...Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}`)],
    [`Host: ${hostHeader}`, 'Origin: http://evil.example', 'Sec-Fetch-Site: cross-site'],
    [`Host: ${hostHeader}`, 'Content-Length: -1'],
    [`Host: ${hostHeader}`, 'Content-Length: 99999999999999999999'],
    [`Host: ${hostHeader}`, ' folded: header'],
  ];
  for (const headers of cases) await raw(request(`GET ${new URL(host.url).pathname}${new URL(host.url).search} HTTP/1.1`, [...headers, 'Connection: close']));
  await assertServing('bad headers');
});

test('malformed WebSocket upgrades, and peers that reset mid-handshake', async () => {
  const upgrade = (target: string, extra: string[]) =>
    request(`GET ${target} HTTP/1.1`, ['Connection: Upgrade', 'Upgrade: websocket', ...extra]);
  const api = `/api?token=${encodeURIComponent(host.token)}`;
  const good = [`Host: ${hostHeader}`, `Origin: ${host.origin}`, 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='];
  const cases: [string, string[]][] = [
    [api, good.filter((h) => !h.startsWith('Sec-WebSocket-Key'))],
    [api, [...good.slice(0, 3), 'Sec-WebSocket-Key: short']],
    [api, [good[0]!, good[1]!, 'Sec-WebSocket-Version: 99', good[3]!]],
    [api, [`Host: evil.example`, ...good.slice(1)]],
    [api, [good[0]!, 'Origin: http://evil.example', ...good.slice(2)]],
    ['/api?token=%E0%A4%A', good],
    ['/api?token=', good],
    ['/%E0%A4%A', good],
    ['http://[', good],
    ['/', good],
    [api, [...good, 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=99']],
    [api, [...good, 'Sec-WebSocket-Protocol: , ,,']],
  ];
  for (const [target, headers] of cases) {
    await raw(upgrade(target, headers));
    await raw(upgrade(target, headers), { reset: true });
  }
  await assertServing('malformed upgrades');
});

test('random bytes and byte-flipped requests (seeded)', async () => {
  const next = random(11);
  const valid = Buffer.from(request(`GET ${new URL(host.url).pathname}${new URL(host.url).search} HTTP/1.1`, [`Host: ${hostHeader}`, `Origin: ${host.origin}`]));
  for (let round = 0; round < 150; round++) {
    let bytes: Buffer;
    if (round % 2 === 0) {
      bytes = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 2000) }, () => Math.floor(next() * 256)));
    } else {
      bytes = Buffer.from(valid);
      for (let flips = 1 + Math.floor(next() * 8); flips > 0; flips--) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    }
    await raw(bytes, { reset: round % 10 === 9 });
  }
  await assertServing('random bytes');
});

test('the contract socket: binary, bad UTF-8, non-JSON, bad shapes, deep nesting, oversize and floods', { timeout: 120_000 }, async () => {
  const ws = await openSocket();
  const answers: { id: number; result: { ok: boolean; error?: { code: string; message: string } } }[] = [];
  ws.on('message', (data) => answers.push(JSON.parse(String(data)) as (typeof answers)[number]));
  ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'no:such-channel', request: {} }));
  ws.send(`{"kind":"invoke","id":2,"channel":"agents:list","request":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
  ws.send(JSON.stringify({ kind: 'nope', id: 3 }));
  ws.send(JSON.stringify({ kind: 'invoke', id: 4, channel: 'messages:send', request: { text: 42 } }));
  const answered = new Promise<void>((resolve) => ws.on('message', () => answers.length >= 4 && resolve()));
  await answered;
  assert.equal(answers.find((a) => a.id === 1)?.result.error?.code, 'UNKNOWN_CHANNEL');
  assert.match(answers.find((a) => a.id === 2)?.result.error?.message ?? '', /deeper than 64/);
  assert.equal(answers.find((a) => a.id === 3)?.result.error?.code, 'INVALID_REQUEST');
  assert.equal(answers.find((a) => a.id === 4)?.result.error?.code, 'INVALID_REQUEST');

  // Each of these closes its own socket (1003/1007/1008/1009), never the process.
  const closeCodeOf = async (send: (ws: WebSocket) => void) => {
    const socket = await openSocket();
    socket.on('error', () => {});
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    send(socket);
    return closed;
  };
  assert.equal(await closeCodeOf((s) => s.send(Buffer.from([1, 2, 3]), { binary: true })), 1008, 'binary');
  assert.equal(await closeCodeOf((s) => s.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false })), 1007, 'invalid UTF-8');
  assert.equal(await closeCodeOf((s) => s.send('not json')), 1008, 'non-JSON');
  assert.equal(await closeCodeOf((s) => s.send('x'.repeat(65 * 1024))), 1009, 'oversize');

  // A flood: the first burst is answered, the rest refused as too fast, and past 200 refusals the socket is closed.
  const flooded = await openSocket();
  const results: { ok: boolean; error?: { code: string; message: string } }[] = [];
  flooded.on('message', (data) => results.push((JSON.parse(String(data)) as { result: (typeof results)[number] }).result));
  const floodClosed = new Promise<number>((resolve) => flooded.on('close', (code) => resolve(code)));
  // The start of the burst is answered: waited for before the flood goes on, because answers are sent after the
  // core's (async) answer, and a flood read in one chunk would have the socket closed before any of them.
  const firstAnswered = new Promise<void>((resolve) => flooded.on('message', () => results.some((r) => r?.ok) && resolve()));
  for (let id = 0; id < 10; id++) flooded.send(JSON.stringify({ kind: 'invoke', id, channel: 'agents:list', request: {} }));
  await firstAnswered;
  for (let id = 10; id < 2000 && flooded.readyState === WebSocket.OPEN; id++) {
    flooded.send(JSON.stringify({ kind: 'invoke', id, channel: 'agents:list', request: {} }));
  }
  assert.equal(await floodClosed, 1008);
  assert.ok(results.some((r) => r.ok), 'the burst is answered');
  assert.ok(results.some((r) => r.error?.code === 'BUSY' && /slow down/.test(r.error.message ?? '')), 'the flood is refused as too fast, BUSY');
  ws.close();
  await assertServing('hostile socket frames');
});
