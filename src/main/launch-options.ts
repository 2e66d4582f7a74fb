import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RuntimeEndpoint } from './core';

export interface LaunchOptions {
  /** Overrides where the log lives (Electron: userData; browser host: ./.data). */
  dataDir: string | undefined;
  /** Agents to dial for this run, from --agent flags, an agents file and TWIN_CONSOLE_AGENTS. */
  endpoints: RuntimeEndpoint[];
  /** Start the embedded demo fleet even if agents are configured. */
  demo: boolean;
  port: number;
  /** Browser host: replace the token kept in the data dir, so links handed out before stop working. */
  newToken: boolean;
  /** Things the operator should fix, to print once at start (never containing a token). */
  warnings: string[];
}

export const LAUNCH_USAGE = `Options:
  --data-dir DIR       where the message log lives
  --agents-file PATH   dial the agents listed in PATH for this run: one "URL [TOKEN]" per line, # comments.
                       The file must be readable by you only (chmod 600). Also: TWIN_CONSOLE_AGENTS_FILE=PATH
  --agent URL          dial this agent for this run (repeatable), without a token. ws:// and wss:// speak
                       protocol v1; http:// and https:// are A2A agents. Also: TWIN_CONSOLE_AGENTS="url1 url2"
                       (URL#TOKEN still works for tests, but puts the token where every local user can read it: ps)
  --demo               start the embedded demo fleet as well (default when no agent is configured)
  --port N             browser host port (default: the one used last time with this data dir, else a free one)
  --new-token          browser host: replace the token kept in the data dir (links handed out before stop working)`;

/**
 * Reads the command line shared by the Electron app and the browser host. Unknown flags are an error with usage,
 * not silently ignored: a mistyped --agent would otherwise start an app with no agents.
 *
 * Tokens never belong in argv: any local user reads every process's command line with `ps`. They come from an
 * agents file only its owner can read; a token on the command line still works (tests use it) but is warned about.
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
      'agents-file': { type: 'string' },
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      'new-token': { type: 'boolean', default: false },
    },
    // Electron passes Chromium's own switches through argv too, so it parses leniently.
    strict,
    allowPositionals: true,
  });
  const warnings: string[] = [];
  const fromArgv = asStrings(values.agent).map(parseAgentArgument);
  if (fromArgv.some((endpoint) => endpoint.token !== undefined)) {
    warnings.push(
      'An agent token was given on the command line (--agent URL#TOKEN), where every local user can read it with ps. ' +
        'Put "URL TOKEN" lines in a file only you can read (chmod 600) and pass --agents-file PATH instead.',
    );
  }
  const fromEnv = (env.TWIN_CONSOLE_AGENTS ?? '').split(/\s+/).filter(Boolean).map(parseAgentArgument);
  const agentsFile = typeof values['agents-file'] === 'string' ? values['agents-file'] : env.TWIN_CONSOLE_AGENTS_FILE;
  const fromFile = agentsFile ? readAgentsFile(path.resolve(agentsFile)) : [];
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  return {
    dataDir: typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : undefined,
    endpoints: [...fromArgv, ...fromFile, ...fromEnv],
    demo: values.demo === true,
    port,
    newToken: values['new-token'] === true,
    warnings,
  };
}

/**
 * An agents file: one `URL [TOKEN]` per line, blank lines and `#` comments ignored. It holds bearer tokens, so a
 * file that others can read is refused rather than used: the operator fixes it once, and nothing leaks meanwhile.
 */
export function readAgentsFile(file: string): RuntimeEndpoint[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new Error(`Cannot read the agents file ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (!stat.isFile()) throw new Error(`The agents file ${file} is not a regular file.`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new Error(
      `The agents file ${file} holds tokens but can be read by other users (mode ${(stat.mode & 0o777).toString(8)}). ` +
        `Make it private with: chmod 600 ${file}`,
    );
  }
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line, index) => ({ words: line.replace(/(^|\s)#.*$/, '').trim().split(/\s+/).filter(Boolean), line: index + 1 }))
    .filter(({ words }) => words.length > 0)
    .map(({ words, line }) => {
      const [first = '', separateToken, ...rest] = words;
      const [url = '', hashToken] = first.split('#', 2);
      const token = separateToken ?? hashToken;
      // The message names the line, never its words: they may hold a token.
      if (rest.length > 0 || !/^(wss?|https?):\/\/\S+$/i.test(url)) {
        throw new Error(`${file}, line ${line}: expected "URL [TOKEN]" with a ws(s):// or http(s):// URL (${words.length} words found)`);
      }
      return token ? { url, token } : { url };
    });
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
