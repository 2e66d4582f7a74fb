import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger, type Core } from '../../src/main/core';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import { labelKey } from '../../src/main/core/links/display-name';
import type { Agent } from '../../src/shared/domain';
import { startA2aTestAgent } from '../support/a2a-test-agents';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { TestAgent } from '../support/test-agent';
import { nextAgent } from '../support/wait-for';

/** Anything an operator could not see: controls, format characters (bidi, zero-width), other default-ignorables. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;

const options = { logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 50 } } };

async function roster(core: Core): Promise<Map<string, Agent>> {
  const listed = await core.api.agents.list();
  assert.ok(listed.ok, JSON.stringify(listed));
  return new Map(listed.value.map((a) => [a.id, a]));
}

function assertTellable(agents: Iterable<Agent>): void {
  const shown = [...agents].map((a) => a.name);
  assert.equal(new Set(shown.map(labelKey)).size, shown.length, `every name tells its agent apart: ${JSON.stringify(shown)}`);
  for (const a of agents) {
    for (const label of [a.name, a.role, a.department]) assert.doesNotMatch(label, INVISIBLE, `${JSON.stringify(label)} of ${JSON.stringify(a.id)}`);
  }
}

test('a gateway announcing another agent’s name, or one that only looks the same, shows each impostor with its id', async (t) => {
  const real = await TestAgent.start([card('cmo', { name: 'CMO Twin', role: 'CMO', department: 'Marketing' })]);
  t.after(() => real.close());
  const impostors = [
    card('cmo-2', { name: 'CMO Twin', role: 'CMO', department: 'Marketing' }),
    card('cmo-3', { name: 'ｃｍｏ\u200B  TWIN\u202E', role: 'C\u202EMO', department: 'Mar\u200Bketing' }),
    card('cmo-4', { name: '\u2067CMO\u2069 Twin\u0007', role: 'CMO', department: 'Marketing', description: 'Runs\u202E campaigns\nand\u200B launches' }),
    card('cmo-5', { name: '\u202E\u200B \u3164', role: '\u200D', department: '\u2060' }),
  ];
  const gateway = await TestAgent.start(impostors);
  t.after(() => gateway.close());

  const dataDir = tempDir();
  const core = createCore({ dataDir, endpoints: [{ url: real.url }], ...options });
  t.after(() => core.close());
  await real.waitForWelcome(1);
  assert.equal((await roster(core)).get('cmo')?.name, 'CMO Twin');

  const added = await core.api.endpoints.add({ url: gateway.url });
  assert.ok(added.ok, JSON.stringify(added));
  await gateway.waitForWelcome(1);
  const agents = await roster(core);
  assert.deepEqual(
    [...agents.values()].map((a) => [a.id, a.name, a.role, a.department]).sort(),
    [
      ['cmo', 'CMO Twin', 'CMO', 'Marketing'],
      ['cmo-2', 'CMO Twin (cmo-2)', 'CMO', 'Marketing'],
      ['cmo-3', 'cmo TWIN (cmo-3)', 'CMO', 'Marketing'],
      ['cmo-4', 'CMO Twin (cmo-4)', 'CMO', 'Marketing'],
      ['cmo-5', 'cmo-5', 'No role given', 'Unassigned'],
    ].sort(),
    'the first holder keeps its name; impostors show their ids; the ids themselves are untouched',
  );
  assert.equal(agents.get('cmo-4')?.description, 'Runs campaigns\nand launches');
  assertTellable(agents.values());
  const welcome = gateway.welcomes[0] as { last_seq: Record<string, number> };
  assert.deepEqual(Object.keys(welcome.last_seq).sort(), impostors.map((c) => c.id).sort(), 'every card was accepted under its raw id');

  // The real agent says hello again (a redial): it keeps its plain name, and the impostor keeps its id.
  const reconnected = nextAgent(core, (a) => a.id === 'cmo' && a.linkState === 'online');
  real.disconnect();
  await real.waitForWelcome(2);
  await reconnected;
  const after = await roster(core);
  assert.equal(after.get('cmo')?.name, 'CMO Twin');
  assert.equal(after.get('cmo-2')?.name, 'CMO Twin (cmo-2)');
  await core.close();

  // After a restart the impostors say hello first, while the real agent is offline: its name is still its own.
  const again = createCore({ dataDir, ...options });
  t.after(() => again.close());
  await gateway.waitForWelcome(2);
  const restarted = await roster(again);
  assert.equal(restarted.get('cmo')?.linkState, 'offline');
  assert.equal(restarted.get('cmo')?.name, 'CMO Twin');
  assert.equal(restarted.get('cmo-2')?.name, 'CMO Twin (cmo-2)');
  assert.equal(restarted.get('cmo-3')?.name, 'cmo TWIN (cmo-3)');
  assertTellable(restarted.values());
});

test('an A2A card naming itself after a v1 agent shows its id; the operator’s role and department are kept as typed', async (t) => {
  const v1 = await TestAgent.start([card('forecaster', { name: 'Forecaster', role: 'Planner', department: 'Finance' })]);
  t.after(() => v1.close());
  const a2a = await startA2aTestAgent({ behaviour: 'instant', name: ' \u202EＦＯＲＥＣＡＳＴＥＲ\u200B ' });
  t.after(() => a2a.close());
  const a2aId = agentIdOf(a2a.url);
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: v1.url }], ...options, a2a: { cardPollMs: 100 } });
  t.after(() => core.close());
  await v1.waitForWelcome(1);

  const announced = nextAgent(core, (a) => a.id === a2aId && a.linkState === 'online');
  const added = await core.api.endpoints.add({ url: a2a.url, role: 'Ｄｅｍａｎｄ planning', department: 'Finance' });
  assert.ok(added.ok, JSON.stringify(added));
  const agent = await announced;
  assert.equal(agent.name, `FORECASTER (${a2aId})`);
  assert.equal(agent.role, 'Ｄｅｍａｎｄ planning', 'the operator’s own label is trusted, not normalised');
  assert.equal(agent.department, 'Finance');
  const agents = await roster(core);
  assert.equal(agents.get('forecaster')?.name, 'Forecaster');
  assert.equal(new Set([...agents.values()].map((a) => labelKey(a.name))).size, 2);
});
