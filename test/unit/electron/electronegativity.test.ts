import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { scan, unjustified } from '../../../scripts/electronegativity';

test('electronegativity finds no unjustified HIGH or MEDIUM issue in src/', () => {
  const findings = scan();
  assert.deepEqual(unjustified(findings), [], JSON.stringify(findings, null, 1));
  assert.ok(!findings.some((f) => f.severity === 'HIGH'), 'no HIGH finding at all');
});

test('the scan can fail: an insecure window is reported as HIGH and unjustified', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insecure-app-'));
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n",
  );
  const findings = scan(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.ok(unjustified(findings).some((f) => f.severity === 'HIGH' && f.check === 'CONTEXT_ISOLATION_JS_CHECK'));
});
