import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { directConversationId } from '../../src/shared/domain';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { agentMessage, TestAgent } from '../support/test-agent';
import { nextEvent } from '../support/wait-for';

test('an overdue reply raises a "has not answered" alert that resolves when the late reply arrives', async (t) => {
  const agent = await TestAgent.start([card('cfo-twin', { name: 'CFO Twin', intents: ['chat', 'health_check'] })]);
  t.after(() => agent.close());
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { replyTimeoutsS: { health_check: 0.2 } },
    alerts: { flapHoldMs: 0 },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();

  const raised = nextEvent(core, 'alert:changed', (a) => a.rule === 'reply_overdue' && a.state === 'firing');
  const sent = await core.api.messages.send({ agentId: 'cfo-twin', text: 'Runway check?', intent: 'health_check' });
  assert.ok(sent.ok);
  const alert = await raised;
  assert.equal(alert.title, 'CFO Twin has not answered in time');
  assert.match(alert.body ?? '', /Runway check\?/);

  const resolved = nextEvent(core, 'alert:changed', (a) => a.id === alert.id && a.state === 'resolved');
  agent.send(agentMessage('late-1', 1, 'Runway is 19 months.', { conversation_id: directConversationId('cfo-twin'), from: 'cfo-twin', reply_to: sent.value.id }));
  assert.equal((await resolved).state, 'resolved');
});
