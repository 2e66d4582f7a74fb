import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { buildProtocolSchema, SCHEMA_PATH } from '../../scripts/generate-protocol-schema';
import { ERROR_CODES, INTENTS, WORK_STATES } from '../../src/shared/protocol';

test('docs/protocol.schema.json is what the zod schemas generate (run "npm run protocol:schema" after changing them)', () => {
  assert.ok(fs.existsSync(SCHEMA_PATH), `${SCHEMA_PATH} is missing: run npm run protocol:schema`);
  assert.equal(fs.readFileSync(SCHEMA_PATH, 'utf8'), buildProtocolSchema());
});

test('the schema carries every frame, intent, work state and error code of the protocol', () => {
  const schema = JSON.parse(buildProtocolSchema()) as { $defs: Record<string, unknown> };
  const text = JSON.stringify(schema);
  for (const name of ['HelloFrame', 'WelcomeFrame', 'MessageFrame', 'DeltaFrame', 'AckFrame', 'StatusFrame', 'AlertFrame', 'DecisionFrame', 'DecisionResultFrame', 'SetModeFrame', 'MetricFrame', 'PingFrame', 'PongFrame', 'ErrorFrame']) {
    assert.ok(name in schema.$defs, name);
  }
  for (const word of [...INTENTS, ...WORK_STATES, ...ERROR_CODES]) assert.ok(text.includes(`"${word}"`), word);
});

test('docs/protocol.md documents every frame type, intent, work state and error code', () => {
  const doc = fs.readFileSync(SCHEMA_PATH.replace(/protocol\.schema\.json$/, 'protocol.md'), 'utf8');
  const types = ['hello', 'welcome', 'message', 'delta', 'ack', 'status', 'alert', 'decision', 'decision_result', 'set_mode', 'metric', 'ping', 'pong', 'error'];
  for (const word of [...types, ...INTENTS, ...WORK_STATES, ...ERROR_CODES]) assert.ok(doc.includes(`\`${word}\``), `docs/protocol.md does not mention \`${word}\``);
});
