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

test('a mistyped flag or a non-WebSocket URL is an error that says what was wrong', () => {
  assert.throws(() => parseLaunchOptions(['--agnet', 'ws://x'], {}), /agnet/);
  assert.throws(() => parseLaunchOptions(['--agent', 'http://x'], {}), /ws:\/\/ or wss:\/\//);
  assert.throws(() => parseLaunchOptions(['--port', '70000'], {}), /--port/);
});

test('Electron mode ignores switches that belong to Chromium', () => {
  const options = parseLaunchOptions(['--no-sandbox', '--agent', 'ws://127.0.0.1:1'], {}, { strict: false });
  assert.deepEqual(options.endpoints, [{ url: 'ws://127.0.0.1:1' }]);
});
