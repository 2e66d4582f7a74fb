/**
 * A page that spins on a costly call (here Copy as Markdown of a 5,000-message conversation, tens of ms of the one
 * event loop each) must not starve the console: past its budget of loop time it is answered BUSY, saying when to
 * try again, while every call is still answered and another page is served as usual.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { type BrowserHost, startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { openDatabase } from '../../src/main/core/store/database';
import type { Result } from '../../src/shared/contract';
import { RENDERER_DIR } from '../support/console-under-test';
import { logAgent, logMessages } from '../support/history-fixtures';
import { tempDir } from '../support/temp-dir';

function pageSocket(host: BrowserHost): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api?token=${encodeURIComponent(host.token)}`, { origin: host.origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends every call at once, as a page in a loop would, and resolves with each answer by id once all are in. */
function invokeAll(ws: WebSocket, calls: { channel: string; request: unknown }[]): Promise<Result<unknown>[]> {
  return new Promise((resolve, reject) => {
    const results: Result<unknown>[] = [];
    ws.once('close', (code) => reject(new Error(`the host closed the socket (${code}) after ${answered} of ${calls.length} answers`)));
    let answered = 0;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { kind: string; id: number; result: Result<unknown> };
      if (frame.kind !== 'result') return;
      results[frame.id] = frame.result;
      if (++answered === calls.length) resolve(results);
    });
    calls.forEach((call, id) => ws.send(JSON.stringify({ kind: 'invoke', id, ...call })));
  });
}

test('a page spinning on a costly call gets BUSY past its budget; every call is answered; another page is served', { timeout: 60_000 }, async (t) => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  logAgent(db, 'cmo-twin', 'CMO Twin');
  logMessages(db, Array.from({ length: 5000 }, (_, i) => ({ id: `m${i}`, text: `message ${i} `.repeat(20) })));
  db.close();
  const core = createCore({ dataDir, logger: silentLogger });
  // A small budget, so the test spends a fraction of a second of loop time, not the default two.
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, log: () => {}, socketLimits: { burstMs: 200, busyMsPerSecond: 100 } });
  t.after(async () => {
    await host.close();
    await core.close();
  });
  const [hog, other] = await Promise.all([pageSocket(host), pageSocket(host)]);

  const calls = Array.from({ length: 60 }, () => ({ channel: 'export:markdown', request: { conversationId: 'direct:cmo-twin' } }));
  const [answers, status] = await Promise.all([invokeAll(hog, calls), invokeAll(other, [{ channel: 'app:get-status', request: {} }])]);

  assert.equal(answers.filter(Boolean).length, 60, 'every call is answered');
  const done = answers.filter((a) => a.ok);
  const busy = answers.filter((a): a is Extract<Result<unknown>, { ok: false }> => !a.ok);
  assert.ok(done.length >= 1, 'the budget lets the first calls in');
  assert.ok(busy.length >= 40, `past the budget the rest are BUSY (${done.length} ran)`);
  for (const refused of busy) {
    assert.equal(refused.error.code, 'BUSY');
    assert.match(refused.error.message, /kept the console busy .*; try again in \d+\.\d s\./);
  }
  assert.equal(status[0]?.ok, true, 'the other page has a budget of its own');
});
