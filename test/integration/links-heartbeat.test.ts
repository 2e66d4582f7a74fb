import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { TestAgent } from '../support/test-agent';
import { nextAgent, nextEvent } from '../support/wait-for';

test('heartbeat pings measure RTT per agent, and the agent sees pings and gets its own pings answered', async (t) => {
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, link: { heartbeatMs: 40 } });
  t.after(() => core.close());
  const measured = await nextAgent(core, (a) => a.health?.rttMs != null);
  assert.equal(measured.health?.liveness, 'online');
  assert.ok(measured.health!.rttMs! >= 0 && measured.health!.rttMs! < 1000);
  assert.ok((measured.health?.lastSeenAt ?? 0) > Date.now() - 10_000);

  await agent.waitFor(() => agent.pings > 0, 'the console to ping us');
  agent.send({ type: 'ping', nonce: 'from-agent' });
  const frames: Record<string, unknown>[] = [];
  agent.onFrame((f) => frames.push(f));
  await agent.waitFor(() => frames.find((f) => f.type === 'pong' && f.nonce === 'from-agent'), 'the console to answer our ping');
});

test('a silent link turns degraded, then offline past the threshold: it is dropped and redialed', async (t) => {
  const agent = await TestAgent.start([card('a1')], { autoPong: false });
  t.after(() => agent.close());
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    link: { heartbeatMs: 25, degradedAfterMs: 80, offlineAfterMs: 250, backoff: { baseMs: 10, capMs: 10 } },
  });
  t.after(() => core.close());
  await agent.waitForWelcome();
  const degraded = await nextAgent(core, (a) => a.health?.liveness === 'degraded');
  assert.equal(degraded.linkState, 'online', 'degraded is still connected');
  const dropped = await nextEvent(core, 'endpoint:changed', (e) => e.linkState === 'offline');
  assert.match(dropped.lastError ?? '', /No frame for/);
  await agent.waitForWelcome(2);
  assert.equal(agent.connections, 2);
});

test('reconnect backs off with jitter, shows the next attempt time, and "retry now" dials at once', async (t) => {
  const agent = await TestAgent.start([card('a1')]);
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: agent.url }],
    logger: silentLogger,
    // Jitter pinned high so the natural retry is ~60 s away: only "retry now" can reconnect within the test.
    link: { backoff: { baseMs: 60_000, capMs: 60_000 }, jitter: () => 0.99 },
  });
  t.after(() => core.close());
  t.after(() => agent.close());
  await agent.waitForWelcome();
  const waiting = nextAgent(core, (a) => a.linkState === 'offline' && a.health?.nextAttemptAt != null);
  await agent.stop();
  const offline = await waiting;
  assert.ok(offline.health!.nextAttemptAt! > Date.now() + 50_000, 'the next attempt time is shown');
  assert.equal(offline.health?.attempt, 1);

  await agent.restart();
  const retried = await core.api.agents.retry({ agentId: 'a1' });
  assert.ok(retried.ok, JSON.stringify(retried));
  await agent.waitForWelcome(2, 5_000);
  const agents = await core.api.agents.list();
  assert.ok(agents.ok);
  const online = agents.value.find((a) => a.id === 'a1');
  assert.equal(online?.linkState, 'online');
  assert.equal(online?.health?.attempt, 0);
  assert.equal(online.health?.nextAttemptAt, null);
  const unknown = await core.api.agents.retry({ agentId: 'nobody' });
  assert.equal(unknown.ok ? null : unknown.error.code, 'NOT_FOUND');
});
