import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createCore, silentLogger } from '../../src/main/core';
import { DATABASE_FILE_NAME } from '../../src/main/core/store/database';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { agentMessage, TestAgent } from '../support/test-agent';
import { nextAgent, nextEvent } from '../support/wait-for';

test('endpoints are added, edited and removed at runtime, kept in SQLite with their token and kind', async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')], { token: 'right' });
  t.after(() => agent.close());
  const core = createCore({ dataDir, logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } } });
  t.after(() => core.close());

  const refused = nextEvent(core, 'endpoint:changed', (e) => /HTTP 401/.test(e.lastError ?? ''));
  const added = await core.api.endpoints.add({ url: agent.url, token: 'wrong', name: 'Twin A', kind: 'direct' });
  assert.ok(added.ok, JSON.stringify(added));
  assert.deepEqual([added.value.name, added.value.kind, added.value.hasToken, added.value.persisted], ['Twin A', 'direct', true, true]);
  await refused;

  const online = nextAgent(core, (a) => a.id === 'a1' && a.linkState === 'online');
  const edited = await core.api.endpoints.update({ id: added.value.id, token: 'right', name: 'Twin A (prod)' });
  assert.ok(edited.ok, JSON.stringify(edited));
  assert.equal((await online).endpointId, added.value.id);

  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  t.after(() => reader.close());
  assert.deepEqual(reader.prepare('SELECT url, token, name, kind FROM endpoints').get(), {
    url: agent.url,
    // No keychain in a plain core: the secret box stores the token marked as plain text (Electron seals it).
    token: 'plain:right',
    name: 'Twin A (prod)',
    kind: 'direct',
  });

  const badUrl = await core.api.endpoints.update({ id: added.value.id, url: 'ftp://nope' });
  assert.equal(badUrl.ok ? null : badUrl.error.code, 'INVALID_REQUEST');
  const missing = await core.api.endpoints.update({ id: 'nope', name: 'x' });
  assert.equal(missing.ok ? null : missing.error.code, 'NOT_FOUND');

  const gone = nextAgent(core, (a) => a.id === 'a1' && a.linkState === 'offline');
  const removed = await core.api.endpoints.remove({ id: added.value.id });
  assert.ok(removed.ok);
  await gone;
  assert.equal(reader.prepare('SELECT COUNT(*) FROM endpoints').pluck().get(), 0);
});

test('a gateway multiplexes agents by agent_id; frames without one are refused and counted on the link', async (t) => {
  const dataDir = tempDir();
  const gateway = await TestAgent.start([card('g1'), card('g2')]);
  t.after(() => gateway.close());
  const core = createCore({ dataDir, logger: silentLogger });
  t.after(() => core.close());
  const added = await core.api.endpoints.add({ url: gateway.url, kind: 'gateway' });
  assert.ok(added.ok);
  await gateway.waitForWelcome();

  gateway.send(agentMessage('from-g1', 1, 'one', { agent_id: 'g1', from: 'g1' }));
  gateway.send(agentMessage('no-agent', 2, 'who?'));
  gateway.send({ ...agentMessage('bad-g2', 1, 'x'), agent_id: 'g2', intent: 'nope' });
  gateway.send(agentMessage('from-g2', 1, 'two', { agent_id: 'g2', from: 'g2', conversation_id: 'c2' }));
  await gateway.waitFor(() => gateway.acks.has('from-g2') && gateway.acks.has('from-g1'), 'both acks');
  assert.deepEqual(gateway.errors.map((e) => e.code), ['UNKNOWN_AGENT', 'SCHEMA_MISMATCH']);

  const agents = await core.api.agents.list();
  assert.ok(agents.ok);
  const byId = new Map(agents.value.map((a) => [a.id, a]));
  assert.deepEqual(byId.get('g2')?.health?.badFrames, { SCHEMA_MISMATCH: 1 }, 'a bad frame naming its agent counts on that agent');
  assert.deepEqual(byId.get('g1')?.health?.badFrames, {});
  const endpoint = await core.api.endpoints.list();
  assert.ok(endpoint.ok);
  assert.deepEqual(endpoint.value[0]?.health?.badFrames, { UNKNOWN_AGENT: 1, SCHEMA_MISMATCH: 1 }, 'the link counts all of them');
});

test('an endpoint configured as direct refuses a hello that announces several agents, and says why', async (t) => {
  const gateway = await TestAgent.start([card('g1'), card('g2')]);
  t.after(() => gateway.close());
  const core = createCore({ dataDir: tempDir(), logger: silentLogger, link: { backoff: { baseMs: 60_000, capMs: 60_000 } } });
  t.after(() => core.close());
  const closed = nextEvent(core, 'endpoint:changed', (e) => e.linkState === 'offline' && e.lastError !== null);
  const added = await core.api.endpoints.add({ url: gateway.url, kind: 'direct' });
  assert.ok(added.ok);
  assert.match((await closed).lastError ?? '', /direct.*2 agents/);
  assert.equal(gateway.welcomes.length, 0);
  assert.equal(gateway.errors[0]?.code, 'SCHEMA_MISMATCH');
});
