import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDemoFleet } from '../../src/agent-kit/demo/demo-fleet';
import { createCore, silentLogger } from '../../src/main/core';
import { tempDir } from '../support/temp-dir';
import { nextAgent, nextEvent } from '../support/wait-for';

/** One run of the app with the story demo on `dataDir`, until the story's last step has landed. */
async function storyRun(dataDir: string) {
  const fleet = await startDemoFleet({ activity: 'story', tickMs: 15, streamDelayMs: 0, heartbeatMs: 0 });
  const core = createCore({ dataDir, endpoints: fleet.urls.map((url) => ({ url })), logger: silentLogger });
  // The story's last step: the SEO agent's rankings alert, then its status "busy". The status is the sign to wait
  // for: on the second run the alert is a replay of a firing one, which changes nothing and so announces nothing.
  await nextAgent(core, (a) => a.id === 'seo-agent' && a.workState === 'busy');
  // A chat round trip with the CMO twin: its reply follows, on the same socket, whatever the twin sent before it.
  const reply = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.agentId === 'cmo-twin' && m.replyTo !== null);
  assert.ok((await core.api.messages.send({ agentId: 'cmo-twin', text: 'Anything else?' })).ok);
  await reply;
  return {
    core,
    close: async () => {
      await core.close();
      await fleet.close();
    },
  };
}

const followUps = async (core: ReturnType<typeof createCore>) => {
  const page = await core.api.messages.range({ source: 'live', conversationId: 'direct:cmo-twin', limit: 500 });
  assert.ok(page.ok);
  return page.value.messages.filter((m) => /^Approved, thank you/.test(m.text ?? '')).length;
};

test('a restart with the same data dir neither re-proposes a settled demo decision nor brings back a resolved alert', async (t) => {
  const dataDir = tempDir();
  const first = await storyRun(dataDir);
  t.after(() => first.close());
  const pending = await first.core.api.decisions.list({ states: ['pending'] });
  assert.ok(pending.ok);
  assert.deepEqual(pending.value.map((d) => d.summary), ['Launch a live poll to re-engage webinar viewers']);
  const poll = pending.value[0]!;
  const thanks = nextEvent(first.core, 'message:changed', (m) => /^Approved, thank you/.test(m.text ?? ''));
  const decided = await first.core.api.decisions.decide({ agentId: poll.agentId, id: poll.id, outcome: 'approved' });
  assert.ok(decided.ok, JSON.stringify(decided));
  await thanks;
  const open = await first.core.api.alerts.list({ states: ['firing'], limit: 50 });
  assert.ok(open.ok);
  const coverage = open.value.find((a) => a.title === 'Pipeline coverage below 2x');
  assert.ok(coverage, 'the story raised the coverage alert');
  assert.ok((await first.core.api.alerts.resolve({ id: coverage.id })).ok);
  assert.equal(await followUps(first.core), 1);
  await first.close();

  const second = await storyRun(dataDir);
  t.after(() => second.close());
  const after = await second.core.api.decisions.list({});
  assert.ok(after.ok);
  assert.deepEqual(
    after.value.map((d) => [d.summary, d.state]),
    [['Launch a live poll to re-engage webinar viewers', 'approved']],
    'one decision, still approved: the restarted story proposed the same id again',
  );
  const alerts = await second.core.api.alerts.list({ limit: 50 });
  assert.ok(alerts.ok);
  const coverageAgain = alerts.value.filter((a) => a.title === 'Pipeline coverage below 2x');
  assert.deepEqual(coverageAgain.map((a) => a.state), ['resolved'], 'the resolved alert stays resolved');
  assert.equal(await followUps(second.core), 1, 'the twin does not thank the operator twice');
});
