/**
 * `npm run dist` cannot run here (electron-builder downloads Electron's zips). This checks what can be checked
 * offline: the config passes electron-builder's own schema validation, names every target and an app id, and every
 * icon and file it points at exists.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const root = path.resolve(__dirname, '../../..');

test('electron-builder.yml is valid for electron-builder and packages AppImage, deb, dmg and nsis with icons', async () => {
  const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  assert.equal(config.appId, 'com.twinconsole.desktop');
  assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
  assert.deepEqual(config.mac?.target, ['dmg']);
  assert.deepEqual(config.win?.target, ['nsis']);
  for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) {
    assert.ok(typeof icon === 'string' && fs.existsSync(path.join(root, icon)), `icon ${icon} exists`);
  }
  assert.equal(config.npmRebuild, true, 'native modules are rebuilt for Electron when packaging');
  assert.ok((config.asarUnpack as string[]).includes('**/*.node'));
  assert.equal(config.electronFuses?.runAsNode, false);
  // The validator really validates: a misspelt key is refused.
  await assert.rejects(validateConfiguration({ ...config, ...{ nsiss: {} } }, new DebugLogger(false)), /nsiss/);
});

test('the files the packaged main loads at run time are inside the packaged file set', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
  assert.equal(pkg.main, './out/main/index.js');
  assert.ok(pkg.scripts.dist, 'npm run dist exists');
  for (const file of ['resources/icon.png', 'resources/overlay.png']) assert.ok(fs.existsSync(path.join(root, file)), file);
});
