import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseLaunchOptions } from '../../src/main/launch-options';

test('agents come from --agent flags (with an optional #token) and TWIN_CONSOLE_AGENTS', () => {
  const options = parseLaunchOptions(['--agent', 'wss://twins.example.com/ws#s3cret', '--data-dir', 'd'], {
    TWIN_CONSOLE_AGENTS: 'ws://127.0.0.1:9001 ws://127.0.0.1:9002',
  });
  assert.deepEqual(options.endpoints, [
    { url: 'wss://twins.example.com/ws', token: 's3cret' },
    { url: 'ws://127.0.0.1:9001' },
    { url: 'ws://127.0.0.1:9002' },
  ]);
  assert.equal(options.dataDir, path.resolve('d'));
});

test('http:// and https:// agents are A2A agents, from --agent and TWIN_CONSOLE_AGENTS alike', () => {
  const options = parseLaunchOptions(['--agent', 'https://agents.example.com/forecast#k3y'], { TWIN_CONSOLE_AGENTS: 'http://127.0.0.1:4100' });
  assert.deepEqual(options.endpoints, [{ url: 'https://agents.example.com/forecast', token: 'k3y' }, { url: 'http://127.0.0.1:4100' }]);
});

test('a mistyped flag or a URL no link kind speaks is an error that says what was wrong', () => {
  assert.throws(() => parseLaunchOptions(['--agnet', 'ws://x'], {}), /agnet/);
  assert.throws(() => parseLaunchOptions(['--agent', 'ftp://x'], {}), /ws:\/\/, wss:\/\/ \(protocol v1\) or http:\/\/, https:\/\/ \(A2A\)/);
  assert.throws(() => parseLaunchOptions(['--port', '70000'], {}), /--port/);
});

test('Electron mode ignores switches that belong to Chromium', () => {
  const options = parseLaunchOptions(['--no-sandbox', '--agent', 'ws://127.0.0.1:1'], {}, { strict: false });
  assert.deepEqual(options.endpoints, [{ url: 'ws://127.0.0.1:1' }]);
});

test('an agents file gives URLs and tokens without putting them in argv; #TOKEN in argv works but is warned about', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agents-file-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'agents');
  fs.writeFileSync(file, '# my twins\nwss://twins.example.com/ws  s3cret\n\nws://127.0.0.1:9001   # no token\nws://127.0.0.1:9002#t2\n');
  fs.chmodSync(file, 0o600);

  const fromFlag = parseLaunchOptions(['--agents-file', file], {});
  assert.deepEqual(fromFlag.endpoints, [
    { url: 'wss://twins.example.com/ws', token: 's3cret' },
    { url: 'ws://127.0.0.1:9001' },
    { url: 'ws://127.0.0.1:9002', token: 't2' },
  ]);
  assert.deepEqual(fromFlag.warnings, []);
  assert.deepEqual(parseLaunchOptions([], { TWIN_CONSOLE_AGENTS_FILE: file }).endpoints, fromFlag.endpoints);

  const inArgv = parseLaunchOptions(['--agent', 'ws://a#tok1', '--agent', 'ws://b#tok2'], {});
  assert.equal(inArgv.warnings.length, 1, 'warned once, however many');
  assert.match(inArgv.warnings[0]!, /--agents-file/);
  assert.doesNotMatch(inArgv.warnings[0]!, /tok1|tok2/, 'the warning never repeats the token');
});

test('an agents file readable by others is refused, and a bad line is named without its words', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agents-file-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'agents');
  fs.writeFileSync(file, 'wss://twins.example.com/ws s3cret\n');
  fs.chmodSync(file, 0o644);
  assert.throws(() => parseLaunchOptions(['--agents-file', file], {}), /can be read by other users \(mode 644\)[\s\S]*chmod 600/);
  fs.chmodSync(file, 0o640);
  assert.throws(() => parseLaunchOptions(['--agents-file', file], {}), /chmod 600/);
  fs.writeFileSync(file, 'ftp://x s3cret\n');
  fs.chmodSync(file, 0o600);
  assert.throws(
    () => parseLaunchOptions(['--agents-file', file], {}),
    (error: Error) => /line 1/.test(error.message) && !error.message.includes('s3cret'),
  );
  assert.throws(() => parseLaunchOptions(['--agents-file', path.join(dir, 'missing')], {}), /Cannot read the agents file/);
});
