/**
 * The real browser host CLI (`npm start`'s entry) in a child process, with a stray failure made inside it from
 * outside (test/support/stray-failures.ts). Without the process guard, Node 20 ends the process on the first
 * unhandled rejection: here it must log the failure with its stack and keep serving real HTTP. A failure that says
 * Node itself is unsound must still end it, with code 1, as Node's guidance asks.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { test, type TestContext } from 'node:test';
import { tempDir } from '../support/temp-dir';

const root = path.resolve(__dirname, '../..');
const CLI = path.join(root, 'src/main/browser-host/cli.ts');
const STRAY = path.join(root, 'test/support/stray-failures.ts');

interface CliUnderTest {
  child: ChildProcess;
  url: URL;
  /** Resolves when stderr has printed a line matching `pattern`, with everything printed up to it. */
  stderrUntil(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

async function startCli(t: TestContext): Promise<CliUnderTest> {
  // An agent that is never there keeps the demo fleet out; the core just keeps redialling it.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', STRAY, CLI, '--data-dir', tempDir(), '--agent', 'ws://127.0.0.1:9/', '--port', '0'],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  t.after(() => child.kill('SIGKILL'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (text: string) => void }[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stderr)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(stderr);
      }
    }
  });
  const stderrUntil = (pattern: RegExp) =>
    pattern.test(stderr)
      ? Promise.resolve(stderr)
      : Promise.race([
          new Promise<string>((resolve) => waiters.push({ pattern, resolve })),
          exited.then((code) => {
            throw new Error(`the CLI exited (code ${code}) before printing ${pattern}; stderr:\n${stderr}`);
          }),
        ]);
  const url = await new Promise<URL>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /Open this URL in a browser: (\S+)/.exec(line);
      if (match) resolve(new URL(match[1]!));
    });
    void exited.then((code) => reject(new Error(`the CLI exited (code ${code}) before listening; stderr:\n${stderr}`)));
  });
  return { child, url, stderrUntil, exited };
}

function get(url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

test('an unhandled rejection is logged with its stack and the host keeps serving', async (t) => {
  const cli = await startCli(t);
  assert.equal(await get(cli.url), 200);
  cli.child.stdin!.write('reject\n');
  const log = await cli.stderrUntil(/stray rejection made by the test[\s\S]*\n\s+at /);
  assert.match(log, /an unhandled promise rejection was caught; the console keeps running/);
  assert.match(log, /stray-failures\.ts/, 'the stack names where the rejection was made');
  assert.equal(await get(cli.url), 200, 'the same process still serves the page');
  assert.equal(cli.child.exitCode, null);
});

test('an exception thrown from a callback is logged and survived, again and again', async (t) => {
  const cli = await startCli(t);
  for (let i = 0; i < 3; i++) cli.child.stdin!.write('throw\n');
  const log = await cli.stderrUntil(/(stray exception made by the test[\s\S]*){3}/);
  assert.equal(log.match(/an uncaught exception was caught; the console keeps running/g)?.length, 3);
  assert.equal(await get(cli.url), 200);
  assert.equal(cli.child.exitCode, null);
});

test('an exception that says Node itself is unsound is logged and ends the process with code 1', async (t) => {
  const cli = await startCli(t);
  cli.child.stdin!.write('assert\n');
  assert.equal(await cli.exited, 1);
  const log = await cli.stderrUntil(/fatal: Node reported a failed internal assertion/);
  assert.match(log, /internal assertion made by the test/);
});
