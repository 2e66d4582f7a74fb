import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Logger } from '../../src/main/core';
import { openSecret, plainTextSecretBox, type SecretBox, sealSecret } from '../../src/main/core/secrets/secret-box';
import { openDatabase } from '../../src/main/core/store/database';
import { EndpointRepository } from '../../src/main/core/store/endpoint-repository';
import { createCore } from '../../src/main/core';
import { tempDir } from '../support/temp-dir';

/** A reversible stand-in for safeStorage whose ciphertext never contains the plain text. */
const testBox: SecretBox = {
  isEncryptionAvailable: true,
  unavailableReason: null,
  encrypt: (plain) => Buffer.from(plain).reverse().toString('base64'),
  decrypt: (sealed) => Buffer.from(sealed, 'base64').reverse().toString(),
};
const rawTokens = (dataDir: string) =>
  openDatabase(dataDir)
    .prepare<[], { token: string | null }>('SELECT token FROM endpoints ORDER BY created_at')
    .all()
    .map((row) => row.token);

test('a sealed secret round-trips; the plain-text box marks what it stores and says why', () => {
  assert.equal(openSecret(testBox, sealSecret(testBox, 'abc')), 'abc');
  assert.match(sealSecret(testBox, 'abc') ?? '', /^enc1:/);
  const plain = plainTextSecretBox();
  assert.equal(plain.isEncryptionAvailable, false);
  assert.match(plain.unavailableReason ?? '', /plain text/);
  assert.equal(sealSecret(plain, 'abc'), 'plain:abc');
  assert.equal(openSecret(plain, 'plain:abc'), 'abc');
  assert.equal(openSecret(plain, 'legacy-unprefixed'), 'legacy-unprefixed');
  assert.throws(() => openSecret(plain, sealSecret(testBox, 'abc')), /no keychain/);
});

test('tokens written without a keychain are encrypted on the first start that has one', () => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  new EndpointRepository(db).insert({ id: 'e1', url: 'ws://a', token: 'tok-plain', createdAt: 1 });
  db.close();
  assert.deepEqual(rawTokens(dataDir), ['plain:tok-plain']);

  const db2 = openDatabase(dataDir);
  const repo = new EndpointRepository(db2, { secrets: testBox });
  assert.equal(repo.sealPlainTokens(), 1);
  assert.equal(repo.list()[0]?.token, 'tok-plain');
  db2.close();
  const [stored] = rawTokens(dataDir);
  assert.match(stored ?? '', /^enc1:/);
  assert.ok(!stored?.includes('tok-plain'));
});

test('a token the keychain cannot open is reported without the token and the endpoint loads without it', async () => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  new EndpointRepository(db, { secrets: testBox }).insert({ id: 'e1', url: 'ws://127.0.0.1:9/', token: 'tok-x', createdAt: 1 });
  db.close();
  const warnings: string[] = [];
  const logger: Logger = { info: () => {}, warn: (m, e) => warnings.push(`${m} ${String(e)}`), error: () => {} };
  const otherKeychain: SecretBox = { ...testBox, decrypt: () => { throw new Error('wrong keychain'); } };
  const core = createCore({ dataDir, secrets: otherKeychain, logger });
  const listed = await core.api.endpoints.list();
  await core.close();
  assert.equal(listed.ok && listed.value[0]?.hasToken, false);
  assert.ok(warnings.some((w) => /cannot be decrypted/.test(w)));
  assert.deepEqual(warnings.filter((w) => w.includes('tok-x')), []);
});

test('createCore with the default box logs that tokens are plain text and reports it over the contract', async () => {
  const warnings: string[] = [];
  const core = createCore({ dataDir: tempDir(), logger: { info: () => {}, warn: (m) => warnings.push(m), error: () => {} } });
  const status = await core.api.app.getStatus();
  await core.close();
  assert.equal(status.ok && status.value.secretStorage.encrypted, false);
  assert.ok(warnings.some((w) => /plain text/.test(w)));
});
