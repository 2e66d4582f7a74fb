/**
 * The browser host's token kept in the data dir (issue 14): created 600, reused by the next start, replaced on
 * `--new-token`, and a damaged or empty file replaced with one log line that never holds the token.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { HOST_TOKEN_FILE, loadHostIdentity, writeHostIdentity } from '../../src/main/browser-host/host-token-file';
import { parseLaunchOptions } from '../../src/main/launch-options';
import { tempDir } from '../support/temp-dir';

const posix = process.platform !== 'win32';

function collect(): { lines: string[]; log: (message: string) => void } {
  const lines: string[] = [];
  return { lines, log: (message) => lines.push(message) };
}

test('the first start creates the token file 600, and the next start with the same data dir reuses it', () => {
  const dataDir = path.join(tempDir(), 'data');
  const first = collect();
  const made = loadHostIdentity(dataDir, { log: first.log });
  assert.match(made.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(made.port, null);
  assert.deepEqual(first.lines, [], 'a first start is not worth a log line');
  const file = path.join(dataDir, HOST_TOKEN_FILE);
  if (posix) {
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(dataDir).mode & 0o777, 0o700);
  }

  writeHostIdentity(dataDir, { token: made.token, port: 41234 });
  const again = loadHostIdentity(dataDir, { log: collect().log });
  assert.deepEqual(again, { token: made.token, port: 41234 });
  assert.equal(fs.existsSync(`${file}.partial`), false);
});

test('--new-token replaces the kept token and keeps the port, so the next link is new but the address is not', () => {
  assert.equal(parseLaunchOptions(['--new-token'], {}).newToken, true);
  assert.equal(parseLaunchOptions([], {}).newToken, false);

  const dataDir = tempDir();
  const old = loadHostIdentity(dataDir);
  writeHostIdentity(dataDir, { token: old.token, port: 41235 });
  const { lines, log } = collect();
  const renewed = loadHostIdentity(dataDir, { newToken: true, log });
  assert.notEqual(renewed.token, old.token);
  assert.equal(renewed.port, 41235);
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /new browser host token/);
  assert.deepEqual(loadHostIdentity(dataDir, { log }), renewed, 'the renewed token is what the next start reuses');
});

for (const [what, content, said] of [
  ['empty', '', /is empty; replacing it with a new token/],
  ['truncated', '{"version":1,"tok', /is damaged; replacing it with a new token/],
  ['holding a short token', '{"version":1,"token":"abc","port":1}', /is damaged/],
  ['not JSON', 'hunter2\n', /is damaged/],
] as const) {
  test(`a token file ${what} is replaced with a new token and one clear log line that holds no token`, () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, HOST_TOKEN_FILE);
    fs.writeFileSync(file, content, { mode: 0o644 });
    const { lines, log } = collect();
    const identity = loadHostIdentity(dataDir, { log });
    assert.match(identity.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0] ?? '', said);
    assert.ok((lines[0] ?? '').includes(file), 'the line names the file');
    assert.ok(!(lines[0] ?? '').includes(identity.token));
    if (posix) assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'the replacement is private');
    assert.deepEqual(loadHostIdentity(dataDir, { log }), identity);
  });
}

test('a kept token file others can read is made private and still reused', { skip: !posix }, () => {
  const dataDir = tempDir();
  const kept = loadHostIdentity(dataDir);
  const file = path.join(dataDir, HOST_TOKEN_FILE);
  fs.chmodSync(file, 0o644);
  const { lines, log } = collect();
  assert.equal(loadHostIdentity(dataDir, { log }).token, kept.token);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.match(lines.join('\n'), /now private \(600\)/);
});

test('a directory where the token file belongs is replaced, not followed', () => {
  const dataDir = tempDir();
  fs.mkdirSync(path.join(dataDir, HOST_TOKEN_FILE));
  const { lines, log } = collect();
  const identity = loadHostIdentity(dataDir, { log });
  assert.match(lines.join('\n'), /not a regular file/);
  assert.ok(fs.statSync(path.join(dataDir, HOST_TOKEN_FILE)).isFile());
  assert.deepEqual(loadHostIdentity(dataDir, { log }), identity);
});
