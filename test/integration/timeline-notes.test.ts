import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { directConversationId } from '../../src/shared/domain';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { nextEvent } from '../support/wait-for';

test("an agent's alert and decision enter its conversation as notes, once each, and the history filter finds them", async (t) => {
  const agent = await RawAgent.start([card('cmo-twin', { name: 'CMO Twin', department: 'Marketing' })]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger });
  t.after(() => core.close());
  await agent.waitForFrame((f) => f.type === 'welcome', 'welcome');

  const alertNote = nextEvent(core, 'message:changed', (m) => m.data?.console_note === 'alert');
  const alert = { type: 'alert', id: 'a1', severity: 'warning', title: 'Webinar engagement dropped', dedupe_key: 'engagement', state: 'firing' };
  agent.send(alert);
  assert.match((await alertNote).text ?? '', /^Alert \(warning\): Webinar engagement dropped/);
  const decisionNote = nextEvent(core, 'message:changed', (m) => m.data?.console_note === 'decision');
  agent.send({ type: 'decision', id: 'd1', summary: 'Launch a live poll', reasoning: 'Polls recovered 9-12% before', confidence: 0.82 });
  assert.equal((await decisionNote).text, 'Decision proposed (82% confident): Launch a live poll');
  // A repeat raises the alert's count but is not a new event in the timeline.
  const repeated = nextEvent(core, 'alert:changed', (a) => a.count === 2);
  agent.send({ ...alert, id: 'a2' });
  await repeated;

  const page = await core.api.messages.range({ conversationId: directConversationId('cmo-twin') });
  assert.ok(page.ok);
  assert.equal(page.value.messages.length, 2);

  // An ordinary message with the same words: found by search, left out by the filter.
  const chat = nextEvent(core, 'message:changed', (m) => m.id === 'chat-1');
  agent.send({ type: 'message', id: 'chat-1', seq: 1, conversation_id: directConversationId('cmo-twin'), from: 'cmo-twin', to: 'operator', intent: 'chat', text: 'The poll on engagement is ready', timestamp: new Date().toISOString() });
  await chat;
  const all = await core.api.search.query({ query: 'poll' });
  assert.ok(all.ok);
  assert.equal(all.value.hits.length, 2);

  for (const query of ['poll', 'engagement']) {
    const hits = await core.api.search.query({ query, filters: { hasAlertOrDecision: true } });
    assert.ok(hits.ok, JSON.stringify(hits));
    assert.equal(hits.value.hits.length, 1, query);
  }
});
