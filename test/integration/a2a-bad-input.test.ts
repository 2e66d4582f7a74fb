import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger, type Core } from '../../src/main/core';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import type { A2aLimits } from '../../src/main/core/links/a2a/a2a-limits';
import type { Endpoint } from '../../src/shared/domain';
import { startA2aTestAgent } from '../support/a2a-test-agents';
import { cardJson, droppingProxy, hostileServer, readBody } from '../support/a2a-hostile-server';
import { tempDir } from '../support/temp-dir';
import { nextEvent } from '../support/wait-for';

function start(url: string, a2a: Partial<A2aLimits> = {}): Core {
  return createCore({ dataDir: tempDir(), endpoints: [{ url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } }, a2a: { cardPollMs: 60_000, ...a2a } });
}

async function endpointWhere(core: Core, what: string, check: (e: Endpoint) => boolean): Promise<Endpoint> {
  const list = await core.api.endpoints.list();
  assert.ok(list.ok);
  const now = list.value.find(check);
  if (now) return now;
  return nextEvent(core, 'endpoint:changed', check).catch(() => {
    throw new Error(`endpoint never got to: ${what}`);
  });
}

async function sendWhenOnline(core: Core, url: string, text = 'hello') {
  const agentId = agentIdOf(url);
  await endpointWhere(core, 'online', (e) => e.linkState === 'online');
  const sent = await core.api.messages.send({ agentId, text });
  assert.ok(sent.ok);
  return sent.value;
}

test('a card that does not parse: a clear error on the endpoint, counted, and the console lives on', async (t) => {
  const server = await hostileServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"name": "half a card'));
  t.after(() => server.close());
  const core = start(server.url);
  t.after(() => core.close());
  const down = await endpointWhere(core, 'bad card', (e) => /not with a usable A2A agent card/.test(e.lastError ?? ''));
  assert.equal(down.linkState === 'online', false);
  assert.ok((down.health?.badFrames.BAD_CARD ?? 0) >= 1);
});

test('a server that answers HTML: "answered HTML, not A2A"', async (t) => {
  const server = await hostileServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Login</body></html>'));
  t.after(() => server.close());
  const core = start(server.url);
  t.after(() => core.close());
  const down = await endpointWhere(core, 'HTML', (e) => /answered HTML/.test(e.lastError ?? ''));
  assert.ok((down.health?.badFrames.NOT_A2A ?? 0) >= 1);
});

test('a card redirecting to another host is not followed', async (t) => {
  const other = await hostileServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(cardJson('http://localhost:1')));
  t.after(() => other.close());
  const server = await hostileServer((_req, res) => res.writeHead(302, { location: `http://localhost:${other.port}/.well-known/agent-card.json` }).end());
  t.after(() => server.close());
  const core = start(server.url);
  t.after(() => core.close());
  const down = await endpointWhere(core, 'redirect refused', (e) => /another host/.test(e.lastError ?? ''));
  assert.ok((down.health?.badFrames.REDIRECT_OFF_HOST ?? 0) >= 1);
});

test('an SSE stream that never ends is cut after the idle limit; the operator sees why, and it is not resent', async (t) => {
  let posts = 0;
  const server = await hostileServer((req, res, url) => {
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(cardJson(url));
    posts++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': still here\n\n');
  });
  t.after(() => server.close());
  const core = start(server.url, { streamIdleMs: 300 });
  t.after(() => core.close());
  const replied = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  await sendWhenOnline(core, server.url);
  const reply = await replied;
  assert.match(reply.text ?? '', /stream silent for 300 ms/);
  const endpoint = await endpointWhere(core, 'counted', (e) => (e.health?.badFrames.STREAM_IDLE ?? 0) >= 1);
  assert.equal(endpoint.linkState, 'online');
  assert.equal(posts, 1);
});

test('an SSE stream of garbage is a clear error, not a crash and not a resend loop', async (t) => {
  let posts = 0;
  const server = await hostileServer((req, res, url) => {
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(cardJson(url));
    posts++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end('data: {{{ not json\n\n');
  });
  t.after(() => server.close());
  const core = start(server.url);
  t.after(() => core.close());
  const replied = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  await sendWhenOnline(core, server.url);
  assert.match((await replied).text ?? '', /could not complete/);
  await endpointWhere(core, 'counted', (e) => (e.health?.badFrames.BAD_STREAM ?? 0) >= 1);
  assert.equal(posts, 1);
});

test('a task id that changes mid-stream ends the stream with TASK_ID_CHANGED', async (t) => {
  const server = await hostileServer((req, res, url) => {
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(cardJson(url));
    void readBody(req).then((body) => {
      const id = (JSON.parse(body) as { id: unknown }).id;
      const event = (result: unknown) => `data: ${JSON.stringify({ jsonrpc: '2.0', id, result })}\n\n`;
      const status = (taskId: string, state: string) => ({ statusUpdate: { taskId, contextId: 'c', status: { state } } });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(event({ task: { id: 'task-A', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } } }));
      res.end(event(status('task-B', 'TASK_STATE_COMPLETED')));
    });
  });
  t.after(() => server.close());
  const core = start(server.url);
  t.after(() => core.close());
  const replied = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  await sendWhenOnline(core, server.url);
  assert.match((await replied).text ?? '', /task id changed mid-stream/);
  await endpointWhere(core, 'counted', (e) => (e.health?.badFrames.TASK_ID_CHANGED ?? 0) >= 1);
});

test('a 10 MB artifact is cut at the stream limit with a clear error', async (t) => {
  const server = await hostileServer((req, res, url) => {
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(cardJson(url));
    void readBody(req).then((body) => {
      const id = (JSON.parse(body) as { id: unknown }).id;
      const artifact = { artifactUpdate: { taskId: 't', contextId: 'c', artifact: { artifactId: 'a', parts: [{ text: 'x'.repeat(10 * 1024 * 1024) }] } } };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id, result: { task: { id: 't', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } } } })}\n\n`);
      res.end(`data: ${JSON.stringify({ jsonrpc: '2.0', id, result: artifact })}\n\n`);
    });
  });
  t.after(() => server.close());
  const core = start(server.url, { maxStreamBytes: 2 * 1024 * 1024 });
  t.after(() => core.close());
  const replied = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  await sendWhenOnline(core, server.url);
  assert.match((await replied).text ?? '', /over the 2097152-byte limit/);
  await endpointWhere(core, 'counted', (e) => (e.health?.badFrames.TOO_LARGE ?? 0) >= 1);
  assert.ok(process.memoryUsage().rss < 1024 * 1024 * 1024);
});

test('a request that reached the agent but got no answer is sent again with the same messageId, marked "may have been delivered twice"', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'instant' });
  t.after(() => agent.close());
  const proxy = await droppingProxy(agent.url, 1);
  t.after(() => proxy.close());
  const core = start(proxy.url);
  t.after(() => core.close());
  const replied = nextEvent(core, 'message:changed', (m) => m.direction === 'in');
  const sent = await sendWhenOnline(core, proxy.url, 'are you there');
  assert.equal((await replied).text, 'Echo: are you there');
  assert.equal(proxy.dropped(), 1);
  const [received] = await agent.receivedCount(1);
  assert.equal(received!.messageId, sent.id, 'the retry reuses the messageId');
  const page = await core.api.messages.range({ conversationId: sent.conversationId });
  assert.ok(page.ok);
  assert.equal(page.value.messages.find((m) => m.id === sent.id)?.marks?.maybeDuplicate, true);
});
