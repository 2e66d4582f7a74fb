import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplyTracker } from '../../src/main/core/links/reply-tracker';
import { createCore, silentLogger } from '../../src/main/core';
import { directConversationId } from '../../src/shared/domain';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { agentMessage, TestAgent } from '../support/test-agent';
import { nextEvent } from '../support/wait-for';

test('a reply correlated by reply_to settles its request; an unanswered one times out per intent, shown on the message', async (t) => {
  const agent = await TestAgent.start([card('a1', { intents: ['chat', 'health_check'] })]);
  t.after(() => agent.close());
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { replyTimeoutsS: { chat: 60, health_check: 0.2 } },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();

  const chat = await core.api.messages.send({ agentId: 'a1', text: 'status?' });
  assert.ok(chat.ok);
  assert.equal(chat.value.status, 'sent');
  assert.ok((chat.value.marks?.replyDueAt ?? 0) > Date.now() + 50_000, 'chat gets the 60 s deadline');
  const onWire = await agent.waitFor(() => agent.messages.find((m) => m.id === chat.value.id), 'the request');
  assert.equal(onWire.requires_response, true);
  assert.equal(onWire.response_timeout_s, 60);

  const timedOut = nextEvent(core, 'message:changed', (m) => m.marks?.timedOutAt != null);
  const check = await core.api.messages.send({ agentId: 'a1', text: 'ping?', intent: 'health_check' });
  assert.ok(check.ok);
  assert.equal((await timedOut).id, check.value.id, 'health_check times out after its own 0.2 s');

  const answered = nextEvent(core, 'message:changed', (m) => m.id === chat.value.id && m.marks?.repliedAt != null);
  agent.send(agentMessage('reply-1', 1, 'all good', { conversation_id: directConversationId('a1'), reply_to: chat.value.id }));
  assert.equal((await answered).marks?.timedOutAt, null);
  assert.equal(core.awaitingReplies, 0, 'nothing is left waiting once every request has settled');
});

test('the reply tracker holds one timer for many deadlines and forgets every settled request', async () => {
  const expired: string[][] = [];
  let fired!: () => void;
  const done = new Promise<void>((resolve) => (fired = resolve));
  const tracker = new ReplyTracker((ids) => {
    expired.push(ids);
    fired();
  });
  const now = Date.now();
  for (let i = 0; i < 1000; i++) tracker.expect(`m${i}`, now + 60_000 + i);
  for (let i = 0; i < 1000; i++) assert.equal(tracker.settle(`m${i}`), true);
  assert.equal(tracker.size, 0);
  assert.equal(tracker.settle('m0'), false, 'a late second reply finds nothing');
  tracker.expect('late', now + 60_000);
  tracker.expect('soon', now + 10);
  await done;
  assert.deepEqual(expired, [['soon']]);
  assert.equal(tracker.size, 1);
  tracker.close();
  assert.equal(tracker.size, 0);
});

test('deadlines survive a restart: a request sent before it still times out after it', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const link = { replyTimeoutsS: { chat: 0.3 } };
  const first = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, link });
  await agent.waitForWelcome();
  const sent = await first.api.messages.send({ agentId: 'a1', text: 'anyone?' });
  assert.ok(sent.ok);
  await first.close();
  const second = createCore({ dataDir, logger: silentLogger, link });
  t.after(() => second.close());
  assert.equal(second.awaitingReplies, 1);
  const timedOut = await nextEvent(second, 'message:changed', (m) => m.id === sent.value.id && m.marks?.timedOutAt != null);
  assert.equal(timedOut.status, 'sent');
  assert.equal(second.awaitingReplies, 0);
});
