/**
 * Writes docs/protocol.schema.json from the zod schemas in src/shared/protocol.ts, so agent authors in any
 * language get a machine-readable spec that cannot drift from the code (test/unit/protocol-schema-drift.test.ts
 * fails when the committed file differs from what this produces). Run: npm run protocol:schema
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import * as protocol from '../src/shared/protocol';

export const SCHEMA_PATH = path.resolve(__dirname, '../docs/protocol.schema.json');

const AGENT_TO_CONSOLE = ['HelloFrame', 'MessageFrame', 'DeltaFrame', 'AckFrame', 'StatusFrame', 'AlertFrame', 'DecisionFrame', 'MetricFrame', 'PingFrame', 'PongFrame', 'ErrorFrame'] as const;
const CONSOLE_TO_AGENT = ['WelcomeFrame', 'MessageFrame', 'AckFrame', 'DecisionResultFrame', 'SetModeFrame', 'PingFrame', 'PongFrame', 'ErrorFrame'] as const;
type FrameName = (typeof AGENT_TO_CONSOLE)[number] | (typeof CONSOLE_TO_AGENT)[number];

/** `message.data` of the structured intents, and `data.room` of room messages (see docs/protocol.md). */
function dataDefs(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  const entries: [string, z.ZodType][] = [
    ...Object.entries(protocol.INTENT_DATA).map(([intent, schema]): [string, z.ZodType] => [`IntentData_${intent}`, schema]),
    ['RoomContext', protocol.RoomContext],
  ];
  for (const [name, schema] of entries) {
    const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
    defs[name] = json;
  }
  return defs;
}

/** The schema document, as a string ready to write (stable key order, two-space indent, final newline). */
export function buildProtocolSchema(): string {
  const names = [...new Set<FrameName>([...AGENT_TO_CONSOLE, ...CONSOLE_TO_AGENT])];
  const defs: Record<string, unknown> = {};
  for (const name of names) {
    // Input shape: what may be on the wire, so fields with defaults (priority, capabilities) are optional.
    const { $schema: _, ...schema } = z.toJSONSchema(protocol[name], { io: 'input' }) as Record<string, unknown>;
    defs[name] = schema;
  }
  const union = (members: readonly FrameName[]) => ({ oneOf: members.map((name) => ({ $ref: `#/$defs/${name}` })) });
  const document = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://twin-console.dev/protocol/v1.schema.json',
    title: `Twin Console agent protocol v${protocol.PROTOCOL_VERSION}`,
    description:
      'One JSON object per WebSocket text frame, discriminated by "type". Generated from src/shared/protocol.ts by scripts/generate-protocol-schema.ts; do not edit by hand. See docs/protocol.md.',
    'x-protocol-version': protocol.PROTOCOL_VERSION,
    'x-max-frame-bytes': protocol.DEFAULT_MAX_FRAME_BYTES,
    anyOf: [{ $ref: '#/$defs/AgentToConsoleFrame' }, { $ref: '#/$defs/ConsoleToAgentFrame' }],
    $defs: { AgentToConsoleFrame: union(AGENT_TO_CONSOLE), ConsoleToAgentFrame: union(CONSOLE_TO_AGENT), ...defs, ...dataDefs() },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(SCHEMA_PATH), { recursive: true });
  fs.writeFileSync(SCHEMA_PATH, buildProtocolSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_PATH)}`);
}
