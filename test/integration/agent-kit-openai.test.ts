import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { openAiChat, openAiChatHandler, openAiConfigFromEnv, serveAgent } from '../../src/agent-kit';
import { startDemoFleet } from '../../src/agent-kit/demo/demo-fleet';
import { RawConsole } from '../support/raw-console';

interface SeenRequest {
  url: string;
  authorization: string | undefined;
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
}

/** A stand-in for an OpenAI-compatible server on loopback: streams `pieces` as SSE, or answers JSON, or fails. */
async function fakeModelServer(mode: 'stream' | 'json' | 'fail', pieces: string[]) {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += String(d)));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) });
      if (mode === 'fail') {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"model is loading"}');
        return;
      }
      if (mode === 'json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: pieces.join('') } }] }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { role: 'assistant' } }] })}\n\n`);
      for (const piece of pieces) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { baseUrl, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('the config comes from TWIN_CONSOLE_OPENAI_*, and is off without a base URL', () => {
  assert.equal(openAiConfigFromEnv({}), null);
  assert.deepEqual(openAiConfigFromEnv({ TWIN_CONSOLE_OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', TWIN_CONSOLE_OPENAI_API_KEY: 'k', TWIN_CONSOLE_OPENAI_MODEL: 'llama3' }), {
    baseUrl: 'http://127.0.0.1:1/v1',
    apiKey: 'k',
    model: 'llama3',
  });
});

test('a streamed completion becomes delta frames and a final message, with the conversation kept as context', async (t) => {
  const model = await fakeModelServer('stream', ['Coverage ', 'is ', '2.4x.']);
  t.after(() => model.close());
  const config = { baseUrl: `${model.baseUrl}/`, apiKey: 'sk-test', model: 'local-model' };
  const server = await serveAgent(
    { card: { id: 'llm', name: 'LLM Twin', role: 'Model', department: 'AI' }, intents: { chat: openAiChatHandler({ config, systemPrompt: 'You are a twin.' }) } },
    { heartbeatMs: 0 },
  );
  t.after(() => server.close());
  const raw = await RawConsole.connect(server.url);
  t.after(() => raw.close());
  raw.welcome();

  const first = raw.chat('llm', 'How is coverage?');
  const reply = await raw.waitFor((f) => f.type === 'message' && f.reply_to === first, 'the reply');
  assert.deepEqual(raw.of('delta').filter((d) => d.id === reply.id).map((d) => d.text), ['Coverage ', 'is ', '2.4x.']);
  assert.equal(reply.text, 'Coverage is 2.4x.');
  assert.deepEqual(reply.data, { model: 'local-model' });

  const second = raw.chat('llm', 'And next month?');
  await raw.waitFor((f) => f.type === 'message' && f.reply_to === second, 'the second reply');
  assert.equal(model.seen[0]?.url, '/v1/chat/completions');
  assert.equal(model.seen[0]?.authorization, 'Bearer sk-test');
  assert.equal(model.seen[0]?.body.model, 'local-model');
  assert.equal(model.seen[0]?.body.stream, true);
  assert.deepEqual(model.seen[1]?.body.messages, [
    { role: 'system', content: 'You are a twin.' },
    { role: 'user', content: 'How is coverage?' },
    { role: 'assistant', content: 'Coverage is 2.4x.' },
    { role: 'user', content: 'And next month?' },
  ]);
  assert.deepEqual(raw.invalid, []);
});

test('an endpoint that answers with one JSON body works, and a failing one is reported in the reply', async (t) => {
  const json = await fakeModelServer('json', ['All good.']);
  t.after(() => json.close());
  const pieces: string[] = [];
  for await (const piece of openAiChat({ baseUrl: json.baseUrl, model: 'm' }, [{ role: 'user', content: 'hi' }])) pieces.push(piece);
  assert.deepEqual(pieces, ['All good.']);

  const failing = await fakeModelServer('fail', []);
  t.after(() => failing.close());
  await assert.rejects(async () => {
    for await (const _ of openAiChat({ baseUrl: failing.baseUrl, model: 'm' }, [{ role: 'user', content: 'hi' }])) void _;
  }, /answered 503: \{"error":"model is loading"\}/);
});

test('the demo twins chat through the model when one is configured, and fall back to their knowledge when it fails', async (t) => {
  const model = await fakeModelServer('stream', ['Webinars ', 'first.']);
  t.after(() => model.close());
  const fleet = await startDemoFleet({ activity: 'quiet', model: { baseUrl: model.baseUrl, model: 'm' } });
  t.after(() => fleet.close());
  const raw = await RawConsole.connect(fleet.urls[1]!);
  t.after(() => raw.close());
  raw.welcome();
  const id = raw.chat('cmo-twin', 'Where should budget go?');
  assert.equal((await raw.waitFor((f) => f.type === 'message' && f.reply_to === id, 'reply')).text, 'Webinars first.');
  assert.match(model.seen[0]?.body.messages[0]?.content ?? '', /CMO Twin[\s\S]*Ship Faster/);

  const down = await fakeModelServer('fail', []);
  t.after(() => down.close());
  const fallbackFleet = await startDemoFleet({ activity: 'quiet', model: { baseUrl: down.baseUrl, model: 'm' } });
  t.after(() => fallbackFleet.close());
  const raw2 = await RawConsole.connect(fallbackFleet.urls[1]!);
  t.after(() => raw2.close());
  raw2.welcome();
  const id2 = raw2.chat('cmo-twin', 'How is the campaign doing?');
  const reply = await raw2.waitFor((f) => f.type === 'message' && f.reply_to === id2, 'fallback reply');
  assert.match(String(reply.text), /model unavailable.*503[\s\S]*Ship Faster/);
});
