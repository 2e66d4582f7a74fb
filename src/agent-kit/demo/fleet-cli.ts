/**
 * `npm run fleet -- --agents 1000`: the demo fleet on its own, for pointing a console at it (or benchmarking one).
 * Prints the URLs to dial and a ready-made `npm start` line, then serves until interrupted.
 */
import { parseArgs } from 'node:util';
import { DEMO_ACTIVITIES, type DemoActivity, startDemoFleet } from './demo-fleet';

const USAGE = `usage: npm run fleet -- [--agents N] [--seed N] [--activity quiet|story|lively] [--gateway-size N] [--tick-ms N] [--host H]
  --agents        total agents (default 9: the company's twins; more are generated behind gateways)
  --gateway-size  most agents per generated gateway (default 250)
  --activity      what agents do unprompted (default lively)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agents: { type: 'string', default: '9' },
      seed: { type: 'string' },
      activity: { type: 'string', default: 'lively' },
      'gateway-size': { type: 'string', default: '250' },
      'tick-ms': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const int = (name: string, raw: string | undefined, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}, not "${raw}"`);
    return n;
  };
  const activity = DEMO_ACTIVITIES.find((a) => a === values.activity);
  if (!activity) throw new Error(`--activity must be one of ${DEMO_ACTIVITIES.join(', ')}`);
  const fleet = await startDemoFleet({
    agents: int('agents', values.agents, 1),
    activity: activity as DemoActivity,
    gatewaySize: int('gateway-size', values['gateway-size'], 1),
    host: values.host,
    ...(values.seed === undefined ? {} : { seed: int('seed', values.seed, 0) }),
    ...(values['tick-ms'] === undefined ? {} : { tickMs: int('tick-ms', values['tick-ms'], 1) }),
  });
  console.log(`Demo fleet: ${fleet.agentIds.length} agents on ${fleet.urls.length} sockets (activity ${fleet.activity}, seed ${fleet.seed}).`);
  for (const url of fleet.urls) console.log(url);
  console.log(`\nConnect a console: TWIN_CONSOLE_AGENTS="${fleet.urls.join(' ')}" npm start`);
  const stop = () => void fleet.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
});
