import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RuntimeEndpoint } from './core';

export interface LaunchOptions {
  /** Overrides where the log lives (Electron: userData; browser host: ./.data). */
  dataDir: string | undefined;
  /** Agents to dial for this run, from --agent flags and TWIN_CONSOLE_AGENTS. */
  endpoints: RuntimeEndpoint[];
  /** Start the embedded demo fleet even if agents are configured. */
  demo: boolean;
  port: number;
}

export const LAUNCH_USAGE = `Options:
  --data-dir DIR     where the message log lives
  --agent URL        dial this agent for this run (repeatable); append #TOKEN for a bearer token,
                     e.g. --agent wss://twins.example.com/ws#s3cret. ws:// and wss:// speak protocol v1;
                     http:// and https:// are A2A agents. Also: TWIN_CONSOLE_AGENTS="url1 url2"
  --demo             start the embedded demo fleet as well (default when no agent is configured)
  --port N           browser host port (default: a free one)`;

/**
 * Reads the command line shared by the Electron app and the browser host. Unknown flags are an error with usage,
 * not silently ignored: a mistyped --agent would otherwise start an app with no agents.
 */
export function parseLaunchOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  { strict = true }: { strict?: boolean } = {},
): LaunchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      agent: { type: 'string', multiple: true },
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
    },
    // Electron passes Chromium's own switches through argv too, so it parses leniently.
    strict,
    allowPositionals: true,
  });
  const fromEnv = (env.TWIN_CONSOLE_AGENTS ?? '').split(/\s+/).filter(Boolean);
  const endpoints = [...asStrings(values.agent), ...fromEnv].map(parseAgentArgument);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  return {
    dataDir: typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : undefined,
    endpoints,
    demo: values.demo === true,
    port,
  };
}

function parseAgentArgument(value: string): RuntimeEndpoint {
  const [url = '', token] = value.split('#', 2);
  if (!/^(wss?|https?):\/\/\S+$/i.test(url)) throw new Error(`--agent must be a ws://, wss:// (protocol v1) or http://, https:// (A2A) URL, got "${url}"`);
  return token ? { url, token } : { url };
}

/** In lenient mode parseArgs may type a value loosely; keep only real strings. */
function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
