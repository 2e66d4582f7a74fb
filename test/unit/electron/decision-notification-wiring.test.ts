/**
 * The real src/main/index.ts against the fake electron: a decision an agent proposes is notified natively, and a
 * click opens the decision itself in the window. This host reports linux, where Electron shows no notification
 * buttons, so none are asked for (the Approve/Open buttons of macOS and Windows are covered by
 * notification-adapter.test.ts with the same adapter).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveGateway } from '../../../src/agent-kit';
import { bootMain } from '../../support/boot-main';
import { type FakeNotification, nextOnHub } from '../../support/fake-electron';
import { tempDir } from '../../support/temp-dir';

test('a proposed decision is notified natively; a click focuses the window and opens the decision', async (t) => {
  const gateway = await serveGateway(
    [{ card: { id: 'cmo', name: 'CMO Twin', role: 'Twin', department: 'Marketing', capabilities: [], intents: ['chat'] }, intents: { chat: () => {} } }],
    { heartbeatMs: 0 },
  );
  t.after(() => gateway.close());
  const { fake, window } = await bootMain(t, ['--data-dir', tempDir(), '--agent', gateway.url]);
  await nextOnHub<[string, { id: string; linkState: string }[]]>(fake, 'sent', (channel, agents) => channel === 'agents:changed' && agents.some((a) => a.id === 'cmo' && a.linkState === 'online'));

  const notified = nextOnHub<[FakeNotification]>(fake, 'notification', (n) => /Raise the budget/.test(n.options.body));
  const proposal = gateway.agent('cmo').propose({ summary: 'Raise the budget', reasoning: 'r', confidence: 0.7 });
  const [notification] = await notified;
  assert.equal((notification.options as { actions?: unknown }).actions, undefined, 'no buttons where the OS shows none');

  const opened = nextOnHub<[string, { target: unknown }]>(fake, 'sent', (channel) => channel === 'attention:open-requested');
  notification.emit('click');
  assert.equal(window.focused, true);
  const [, request] = await opened;
  assert.deepEqual(request.target, { kind: 'decision', id: proposal.id, agentId: 'cmo' });
});
