import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { AgentOwnership } from '../../src/main/core/links/agent-ownership';
import { LINK_BOUNDS } from '../../src/main/core/links/link-bounds';
import type { AgentRepository } from '../../src/main/core/store/agent-repository';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { gatewayMessage, TestAgent } from '../support/test-agent';

/**
 * One endpoint may announce at most maxAgentsPerEndpoint distinct agent ids per run. Without the bound a gateway
 * announces a fresh set of ids on every reconnect, and each becomes a row in the log, a card and an owner entry.
 */

const hello = (ids: string[]) => ({ type: 'hello', protocol: PROTOCOL_VERSION, agents: ids.map((id) => card(id)) });

test('past maxAgentsPerEndpoint, new agent ids are refused with RATE_LIMITED on every connection, and nothing is created', async (t) => {
  const gateway = await TestAgent.start([], { hello: false });
  t.after(() => gateway.close());
  const neighbour = await TestAgent.start([card('n1'), card('n2'), card('n3')]);
  t.after(() => neighbour.close());
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url: gateway.url }, { url: neighbour.url }],
    logger: silentLogger,
    link: { bounds: { maxAgentsPerEndpoint: 3 }, backoff: { baseMs: 10, capMs: 50 } },
  });
  t.after(() => core.close());

  await gateway.waitFor(() => gateway.connected, 'the first connection');
  gateway.send(hello(['a', 'b', 'c', 'd', 'e']));
  const welcome = await gateway.waitForWelcome();
  assert.deepEqual(Object.keys(welcome.last_seq as object).sort(), ['a', 'b', 'c']);
  const refused = await gateway.waitFor(() => gateway.errors.length >= 2 && gateway.errors, 'two refusals');
  assert.deepEqual(refused.map((e) => [e.code, e.ref]), [['RATE_LIMITED', 'd'], ['RATE_LIMITED', 'e']]);
  assert.match(String(refused[0]!.message), /maxAgentsPerEndpoint/);

  // A frame for a refused id speaks for no one; the accepted agents talk as usual.
  const frame = (agentId: string, id: string) => gatewayMessage(agentId, id, 'hi');
  gateway.send(frame('d', 'd-1'));
  gateway.send(frame('a', 'a-1'));
  await gateway.waitFor(() => gateway.acks.has('a-1'), 'ack of a-1');
  assert.deepEqual(gateway.errors.find((e) => e.ref === 'd-1')?.code, 'UNKNOWN_AGENT');

  // Reconnecting does not reset the bound: known ids are welcome again, new ones are still refused.
  gateway.disconnect();
  await gateway.waitFor(() => gateway.connections === 2 && gateway.connected, 'the second connection');
  gateway.send(hello(['a', 'f', 'g']));
  const second = await gateway.waitForWelcome(2);
  assert.deepEqual(Object.keys(second.last_seq as object), ['a']);
  await gateway.waitFor(() => gateway.errors.filter((e) => e.code === 'RATE_LIMITED').length === 4, 'f and g refused');
  assert.deepEqual(gateway.errors.filter((e) => e.code === 'RATE_LIMITED').slice(2).map((e) => e.ref), ['f', 'g']);

  // The bound is per endpoint: the neighbour's three agents are all in.
  await neighbour.waitForWelcome(1);
  const agents = await core.api.agents.list();
  assert.ok(agents.ok);
  assert.deepEqual(agents.value.map((a) => a.id).sort(), ['a', 'b', 'c', 'n1', 'n2', 'n3'], 'no refused id became an agent');
  assert.equal(gateway.connections, 2, 'refusals do not cost the connection');
});

test('the default bound is 10,000 agent ids per endpoint: the next new id is refused, a known one is not', () => {
  assert.equal(LINK_BOUNDS.maxAgentsPerEndpoint, 10_000);
  const ownership = new AgentOwnership({
    agents: { get: () => undefined } as unknown as AgentRepository,
    roomMembers: () => undefined,
    conversationAgent: () => undefined,
  });
  const first = ownership.claim('e1', Array.from({ length: 10_000 }, (_, i) => card(`g${i}`)));
  assert.equal(first.accepted.length, 10_000);
  const next = ownership.claim('e1', [card('g0'), card('g10000')]);
  assert.deepEqual(next.accepted.map((c) => c.id), ['g0']);
  assert.deepEqual(next.overLimit.map((c) => c.id), ['g10000']);
  assert.equal(ownership.ownerOf('g10000'), undefined, 'the refused id is owned by no one');
  assert.deepEqual(ownership.claim('e2', [card('g10000')]).accepted.map((c) => c.id), ['g10000'], 'another endpoint has its own bound');
  ownership.reassign('g10001', 'e1');
  assert.deepEqual(ownership.claim('e1', [card('g10001')]).accepted.map((c) => c.id), ['g10001'], 'an id the operator reassigned is in, bound or not');
  ownership.forgetEndpoint('e1');
  assert.equal(ownership.claim('e1', [card('h1')]).accepted.length, 1, 'a removed endpoint starts afresh');
});
