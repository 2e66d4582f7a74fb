import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFrame } from '../../src/main/core/links/v1/frame-reader';
import { fastMessageFrame } from '../../src/main/core/links/v1/message-fast-path';
import { INTENTS, MessageFrame, PRIORITIES } from '../../src/shared/protocol';

const base = {
  type: 'message',
  id: 'm-1',
  seq: 7,
  conversation_id: 'direct:a1',
  from: 'a1',
  to: 'operator',
  intent: 'share_insights',
  text: 'Weekly signal: organic sessions up 4.2%.',
  priority: 'high',
  timestamp: '2026-12-01T09:00:00.123Z',
};

/** Values each field is tried with: valid ones, edge ones and wrong ones of every JSON type. */
const VARIANTS: Record<string, unknown[]> = {
  type: ['message', 'delta', 'Message', 1, null],
  agent_id: [undefined, 'a1', '', 'x'.repeat(200), 'x'.repeat(201), 3, null],
  id: ['m', '', 'x'.repeat(200), 'x'.repeat(201), 12, null, ['m']],
  seq: [undefined, 1, 0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, '3', null],
  conversation_id: ['c', '', 'x'.repeat(201), {}, null],
  from: ['a1', '', false],
  to: ['operator', '', 'x'.repeat(201)],
  intent: [...INTENTS, 'CHAT', '', 5, null],
  text: [undefined, '', 'é ✓ 😀', 'x'.repeat(512 * 1024), 'x'.repeat(512 * 1024 + 1), 42, null],
  priority: [undefined, ...PRIORITIES, 'critical', 0, null],
  requires_response: [undefined, true, false, 'true', 0, null],
  response_timeout_s: [undefined, 0.5, 86_400, 86_401, 0, -3, '30', null],
  reply_to: [undefined, 'q-1', '', 'x'.repeat(201), null],
  timestamp: [
    '2026-12-01T09:00:00Z',
    '2026-12-01T09:00:00.5+02:00',
    '2024-02-29T23:59:59-05:30',
    '2026-02-29T10:00:00Z',
    '2026-12-01T24:00:00Z',
    '2026-12-01T09:00Z',
    '2026-12-01 09:00:00Z',
    '2026-12-01T09:00:00',
    '2026-12-01',
    1764579600000,
    null,
  ],
  data: [undefined, { k: 1 }, [], null],
  extra: [undefined, 'unknown keys are stripped by the schema', null],
};

function withField(field: string, value: unknown): Record<string, unknown> {
  const frame: Record<string, unknown> = { ...base };
  if (value === undefined) delete frame[field];
  else frame[field] = value;
  return frame;
}

test('the fast path accepts only what the MessageFrame schema accepts, and returns what it returns', () => {
  let fast = 0;
  for (const [field, values] of Object.entries(VARIANTS)) {
    for (const value of values) {
      // Through JSON, as frames arrive: what JSON.parse can produce is all the fast path must agree on.
      const json: unknown = JSON.parse(JSON.stringify(withField(field, value)));
      const schema = MessageFrame.safeParse(json);
      const hand = fastMessageFrame(json);
      const label = `${field} = ${JSON.stringify(value)?.slice(0, 40)}`;
      if (hand === null) continue;
      fast += 1;
      assert.ok(schema.success, `${label}: accepted by hand but refused by the schema`);
      assert.deepEqual(hand, schema.data, `${label}: differs from the schema's output`);
    }
  }
  assert.ok(fast > 30, `the common shapes take the fast path (${fast} did)`);
  const defaulted = fastMessageFrame(JSON.parse(JSON.stringify({ ...base, priority: undefined })));
  assert.equal(defaulted?.priority, 'normal', 'priority defaults as in the schema');
});

test('frames the fast path declines still get the schema’s error code and words', () => {
  const read = (frame: object) => readFrame(Buffer.from(JSON.stringify(frame)), false, 1024 * 1024);
  const bad = read({ ...base, intent: 'dance' });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.code, 'SCHEMA_MISMATCH');
  assert.match(!bad.ok ? bad.message : '', /intent/);
  const deep = read({ ...base, data: { a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] } });
  assert.equal(!deep.ok && deep.code, 'SCHEMA_MISMATCH');
  assert.match(!deep.ok ? deep.message : '', /maxDepth/);
  const good = read(base);
  assert.ok(good.ok && good.frame.type === 'message' && good.frame.priority === 'high');
  const withData = read({ ...base, data: { k: 1 } });
  assert.ok(withData.ok && withData.frame.type === 'message' && withData.frame.data?.k === 1, 'data goes through the schema');
});
