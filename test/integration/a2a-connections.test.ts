import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger, type Core } from '../../src/main/core';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import { startA2aTestAgent } from '../support/a2a-test-agents';
import { tempDir } from '../support/temp-dir';
import { nextAgent } from '../support/wait-for';

function start(dataDir: string): Core {
  return createCore({ dataDir, logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } }, a2a: { cardPollMs: 100 } });
}

test('role and department set in Connections: the roster groups the A2A agent under them at once, after an edit, and after a restart', async (t) => {
  const agent = await startA2aTestAgent({ behaviour: 'instant', name: 'Forecaster' });
  t.after(() => agent.close());
  const agentId = agentIdOf(agent.url);
  const dataDir = tempDir();
  const core = start(dataDir);

  const announced = nextAgent(core, (a) => a.id === agentId && a.linkState === 'online');
  const added = await core.api.endpoints.add({ url: agent.url, role: '  Demand planning ', department: 'Finance' });
  assert.ok(added.ok, JSON.stringify(added));
  assert.deepEqual([added.value.role, added.value.department], ['Demand planning', 'Finance'], 'trimmed, and shown on the endpoint');
  const online = await announced;
  assert.deepEqual([online.role, online.department], ['Demand planning', 'Finance']);

  const regrouped = nextAgent(core, (a) => a.id === agentId && a.linkState === 'online' && a.department === 'Strategy');
  const edited = await core.api.endpoints.update({ id: added.value.id, department: 'Strategy' });
  assert.ok(edited.ok, JSON.stringify(edited));
  assert.equal((await regrouped).role, 'Demand planning', 'an edit of one label keeps the other');

  const cleared = nextAgent(core, (a) => a.id === agentId && a.linkState === 'online' && a.role === 'A2A agent');
  assert.ok((await core.api.endpoints.update({ id: added.value.id, role: null })).ok);
  assert.equal((await cleared).department, 'Strategy', 'a cleared role falls back to the A2A default');
  const restored = nextAgent(core, (a) => a.id === agentId && a.linkState === 'online' && a.role === 'Demand planning');
  assert.ok((await core.api.endpoints.update({ id: added.value.id, role: 'Demand planning' })).ok);
  await restored;
  await core.close();

  const again = start(dataDir);
  t.after(() => again.close());
  const listed = await again.api.agents.list();
  assert.ok(listed.ok);
  const stored = listed.value.find((a) => a.id === agentId);
  assert.deepEqual([stored?.role, stored?.department], ['Demand planning', 'Strategy'], 'grouped so before the agent answers');
  const back = await nextAgent(again, (a) => a.id === agentId && a.linkState === 'online');
  assert.deepEqual([back.role, back.department], ['Demand planning', 'Strategy'], 'and still so once its card is read again');
  const endpoints = await again.api.endpoints.list();
  assert.ok(endpoints.ok);
  assert.deepEqual(endpoints.value.map((e) => [e.role, e.department]), [['Demand planning', 'Strategy']]);
});

test('labels are bounded by the contract, and a ws:// endpoint keeps none (a v1 agent announces its own)', async (t) => {
  const core = start(tempDir());
  t.after(() => core.close());
  const tooLong = await core.api.endpoints.add({ url: 'http://127.0.0.1:9/agent', role: 'x'.repeat(101) });
  assert.equal(tooLong.ok, false);
  assert.equal(!tooLong.ok && tooLong.error.code, 'INVALID_REQUEST');
  const listed = await core.api.endpoints.list();
  assert.ok(listed.ok);
  assert.equal(listed.value.length, 0, 'nothing stored from a refused request');

  const v1 = await core.api.endpoints.add({ url: 'ws://127.0.0.1:9/agent', role: 'CMO', department: 'Marketing' });
  assert.ok(v1.ok, JSON.stringify(v1));
  assert.deepEqual([v1.value.role, v1.value.department], [null, null]);
});

test('labels edited while the A2A agent is unreachable regroup it at once, and its card carries them when it is back', async (t) => {
  const first = await startA2aTestAgent({ behaviour: 'instant', name: 'Forecaster' });
  const port = first.port;
  const url = first.url;
  const agentId = agentIdOf(url);
  const core = start(tempDir());
  t.after(() => core.close());
  const announced = nextAgent(core, (a) => a.id === agentId && a.linkState === 'online');
  const added = await core.api.endpoints.add({ url });
  assert.ok(added.ok, JSON.stringify(added));
  assert.deepEqual([(await announced).role, (await announced).department], ['A2A agent', 'External'], 'unlabelled: the A2A defaults');

  const down = nextAgent(core, (a) => a.id === agentId && a.linkState !== 'online');
  await first.close();
  await down;
  const regrouped = nextAgent(core, (a) => a.id === agentId && a.department === 'Finance');
  assert.ok((await core.api.endpoints.update({ id: added.value.id, role: 'Forecasting', department: 'Finance' })).ok);
  const moved = await regrouped;
  assert.notEqual(moved.linkState, 'online', 'regrouped while the agent is still down');
  assert.equal(moved.role, 'Forecasting');

  const second = await startA2aTestAgent({ behaviour: 'instant', name: 'Forecaster', port });
  t.after(() => second.close());
  const back = await nextAgent(core, (a) => a.id === agentId && a.linkState === 'online');
  assert.deepEqual([back.role, back.department], ['Forecasting', 'Finance']);
});
