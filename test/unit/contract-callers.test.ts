import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { type EventChannel, eventContract, eventMethodName, type InvokeChannel, invokeContract, invokeMethodPath } from '../../src/shared/contract';

/**
 * A contract with no dead ends: every invoke channel has a caller and every push event a subscriber, in the
 * renderer or in main's own adapters (the Electron main reads `app:get-status`; a clicked notification calls
 * `attention:open`). A channel only tests call hides bugs: `messages:list` returned marks that the UI's
 * `messages:range` did not, and nobody saw it.
 */
const root = path.resolve(__dirname, '../..');

/** Each file's text on its own, so a dynamic call (`api.alerts[action]`) is matched with the literals beside it. */
function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

const renderer = sourceFiles('src/renderer');
/** Main's own subscribers, by event name, outside the core (the core emits; adapters and bindings listen). */
const mainAdapters = [...sourceFiles('src/main/electron'), fs.readFileSync(path.join(root, 'src/main/index.ts'), 'utf8')];

/** `api.messages.send(`, also split over lines, or `api.alerts[action](` with `'acknowledge'` in the same file. */
function callsInvoke(files: string[], channel: InvokeChannel): boolean {
  const [namespace, method] = invokeMethodPath(channel);
  const direct = new RegExp(`\\b${namespace}\\s*\\.\\s*${method}\\b`);
  const dynamic = new RegExp(`\\bapi\\.${namespace}\\[`);
  return files.some((text) => direct.test(text) || (dynamic.test(text) && text.includes(`'${method}'`)));
}

function subscribesTo(files: string[], event: EventChannel): boolean {
  const method = new RegExp(`\\b${eventMethodName(event)}\\b`);
  return files.some((text) => method.test(text) || text.includes(`'${event}'`));
}

test('every invoke channel of the contract has a caller in the renderer or in main', () => {
  const uncalled = (Object.keys(invokeContract) as InvokeChannel[]).filter((c) => !callsInvoke(renderer, c) && !callsInvoke(mainAdapters, c));
  assert.deepEqual(uncalled, []);
});

test('every push event of the contract has a subscriber in the renderer or in main', () => {
  const unheard = (Object.keys(eventContract) as EventChannel[]).filter((e) => !subscribesTo(renderer, e) && !subscribesTo(mainAdapters, e));
  assert.deepEqual(unheard, []);
});

test('the caller check itself tells a called channel from an uncalled one', () => {
  assert.ok(callsInvoke(['await api.messages.send({})'], 'messages:send'));
  assert.ok(callsInvoke(['api.search\n  .query({})'], 'search:query'));
  assert.ok(callsInvoke(["run('resolve'); api.alerts[action]({ id })"], 'alerts:resolve'));
  assert.ok(!callsInvoke(['api.endpoints.list()', "api.alerts[action]({ id }); 'retry'"], 'endpoints:retry'));
  assert.ok(subscribesTo(['api.onAgentChanged((a) => {})'], 'agent:changed'));
  assert.ok(!subscribesTo(['api.onAgentChanged((a) => {})'], 'endpoint:removed'));
});
