import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentToConsoleFrame, ConsoleToAgentFrame, describeZodError, INTENTS } from '../../src/shared/protocol';

const message = {
  type: 'message',
  id: 'm1',
  seq: 1,
  conversation_id: 'c1',
  from: 'cmo-twin',
  to: 'operator',
  intent: 'chat',
  text: 'hi',
  timestamp: '2026-11-21T10:00:00.000Z',
};

test('a valid agent message parses, with priority defaulting to normal', () => {
  const frame = AgentToConsoleFrame.parse(message);
  assert.equal(frame.type, 'message');
  assert.equal(frame.type === 'message' && frame.priority, 'normal');
});

test('timestamps with an offset (as Python isoformat writes them) are accepted', () => {
  assert.ok(AgentToConsoleFrame.safeParse({ ...message, timestamp: '2026-11-21T10:00:00+00:00' }).success);
});

test('every intent of protocol v1 is accepted, and an unknown one is refused', () => {
  for (const intent of INTENTS) assert.ok(AgentToConsoleFrame.safeParse({ ...message, intent }).success, intent);
  assert.equal(AgentToConsoleFrame.safeParse({ ...message, intent: 'launch_rockets' }).success, false);
});

test('schema errors name the field that is wrong', () => {
  const result = AgentToConsoleFrame.safeParse({ ...message, conversation_id: 42 });
  assert.equal(result.success, false);
  assert.match(describeZodError(result.error!), /conversation_id/);
});

test('hello needs at least one agent card; decision confidence stays within 0..1', () => {
  assert.equal(AgentToConsoleFrame.safeParse({ type: 'hello', protocol: 1, agents: [] }).success, false);
  const decision = { type: 'decision', id: 'd1', summary: 'Run a poll', reasoning: 'Engagement dropped', confidence: 1.2 };
  assert.equal(AgentToConsoleFrame.safeParse(decision).success, false);
  assert.ok(AgentToConsoleFrame.safeParse({ ...decision, confidence: 0.82 }).success);
});

test('the console may not send agent-only frames such as hello', () => {
  assert.equal(ConsoleToAgentFrame.safeParse({ type: 'hello', protocol: 1, agents: [] }).success, false);
  assert.ok(ConsoleToAgentFrame.safeParse({ type: 'set_mode', mode: 'semi_auto' }).success);
});
