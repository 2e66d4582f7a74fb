import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentOwnership } from '../../src/main/core/links/agent-ownership';
import type { InboundEvent } from '../../src/main/core/links/link';
import type { AgentRepository } from '../../src/main/core/store/agent-repository';

const message = (from: string, conversationId: string) =>
  ({ type: 'message', id: `${from}-1`, conversation_id: conversationId, from, to: 'operator', intent: 'chat', priority: 'normal', timestamp: '' }) as InboundEvent;

test('a new conversation is its first speaker’s from the first frame: no lookup per frame, no other agent slips in', () => {
  let lookups = 0;
  const ownership = new AgentOwnership({
    agents: { get: () => undefined } as unknown as AgentRepository,
    roomMembers: () => undefined,
    conversationAgent: (id) => {
      lookups += 1;
      return id === 'logged-topic' ? 'a2' : undefined;
    },
  });
  for (let i = 0; i < 100; i++) assert.equal(ownership.refusal('e1', 'a1', message('a1', 'new-topic')), null);
  assert.equal(lookups, 1, 'looked up once, then held until the log has it');
  assert.match(ownership.refusal('e2', 'a2', message('a2', 'new-topic')) ?? '', /another agent's/, 'a second agent cannot join before the commit');
  assert.equal(ownership.refusal('e2', 'a2', message('a2', 'logged-topic')), null);
  assert.match(ownership.refusal('e1', 'a1', message('a1', 'logged-topic')) ?? '', /another agent's/);
  ownership.refusal('e2', 'a2', message('a2', 'logged-topic'));
  assert.equal(lookups, 2, 'a logged conversation is looked up once too');
});
