import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../../src/shared/domain';
import { A2aLink } from '../../src/main/core/links/a2a/a2a-link';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import { startA2aTestAgent } from '../support/a2a-test-agents';
import { linkContext, MemoryA2aStore, RecordingSink } from '../support/a2a-recording-sink';

function operatorMessage(agentId: string, id: string, text: string, conversationId = 'conv-1'): Message {
  return {
    id,
    conversationId,
    agentId,
    direction: 'out',
    from: 'operator',
    to: agentId,
    intent: 'chat',
    text,
    data: null,
    priority: 'normal',
    replyTo: null,
    status: 'queued',
    createdAt: Date.now(),
  };
}

async function connect(url: string, t: { after: (fn: () => unknown) => void }, token: string | null = null) {
  const sink = new RecordingSink();
  const store = new MemoryA2aStore();
  const link = new A2aLink(linkContext(url, sink, token), { store });
  t.after(() => link.close());
  link.start();
  await sink.until(() => link.state === 'online', 'the link is online');
  return { sink, store, link, agentId: agentIdOf(url) };
}

test('the card becomes the agent: id from the URL, skills as capabilities, version and provider shown', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'instant', name: 'Forecaster' });
  t.after(() => agent.close());
  const { sink, agentId } = await connect(agent.url, t);
  const card = sink.cards[0]![0]!;
  assert.equal(card.id, agentId);
  assert.match(agentId, /^a2a-127\.0\.0\.1-\d+-[0-9a-f]{10}$/);
  assert.equal(card.name, 'Forecaster');
  assert.deepEqual(card.capabilities, ['Forecasting', 'Summaries']);
  assert.match(card.description ?? '', /Version 2\.1\.0/);
  assert.match(card.description ?? '', /Test Labs/);
  assert.equal(sink.readies, 1);
});

test('a message answered at once: acked, then the reply with text, a data card and an attachment', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'instant' });
  t.after(() => agent.close());
  const { sink, link, agentId } = await connect(agent.url, t);
  assert.equal(link.sendMessage(operatorMessage(agentId, 'op-1', 'hello')), true);
  await sink.until(() => sink.of('message').length === 1, 'the reply');
  const [received] = await agent.receivedCount(1);
  assert.equal(received!.messageId, 'op-1', 'the log id is the A2A messageId');
  assert.equal(received!.contextId, 'conv-1', 'the conversation is the contextId');
  assert.deepEqual(sink.of('ack').map((a) => a.id), ['op-1']);
  const reply = sink.of('message')[0]!;
  assert.equal(reply.text, 'Echo: hello');
  assert.equal(reply.reply_to, 'op-1');
  assert.deepEqual(reply.data, { region: 'EMEA', units: 42, attachments: [{ name: 'report.csv', media_type: 'text/csv', size: 8 }] });
});

test('a streamed task: artifact chunks arrive as deltas, the final message has the whole text and the task state', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'stream' });
  t.after(() => agent.close());
  const { sink, link, store, agentId } = await connect(agent.url, t);
  link.sendMessage(operatorMessage(agentId, 'op-2', 'forecast please'));
  await sink.until(() => sink.of('message').length === 1, 'the final reply');
  const deltas = sink.of('delta');
  assert.deepEqual(deltas.map((d) => d.text), ['Forecast ', 'for ', 'Q3: ', 'up 4%.']);
  const reply = sink.of('message')[0]!;
  assert.equal(reply.id, deltas[0]!.id, 'the final message completes the streamed one');
  assert.equal(reply.text, 'Forecast for Q3: up 4%.');
  assert.equal((reply.data?.task as { state: string }).state, 'completed');
  assert.deepEqual(sink.of('status').map((s) => s.state), ['busy', 'busy', 'idle']);
  assert.equal(store.marks.get('op-2')?.task?.state, 'completed');
  assert.equal(store.tasks.size, 0, 'a finished task is not resumed');
});

test('a failing task raises an alert with its message', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'fail' });
  t.after(() => agent.close());
  const { sink, link, agentId } = await connect(agent.url, t);
  link.sendMessage(operatorMessage(agentId, 'op-3', 'go'));
  await sink.until(() => sink.of('alert').length === 1, 'the alert');
  const alert = sink.of('alert')[0]!;
  assert.equal(alert.body, 'Model quota exhausted');
  assert.equal(sink.of('status').at(-1)!.state, 'error');
  assert.equal((sink.of('message')[0]!.data?.task as { state: string }).state, 'failed');
});
