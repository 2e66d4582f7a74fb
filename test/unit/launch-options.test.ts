import assert from 'node:assert/strict';
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
