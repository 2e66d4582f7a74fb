import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Agent } from '../../../src/shared/domain';
import { liveList } from '../../../src/renderer/src/lib/live-list';
import { createConnectionStore, onReconnected } from '../../../src/renderer/src/lib/host-connection';
import { type QuerySpec, queryKey, refetchOn } from '../../../src/renderer/src/lib/query-cache';
import { agent, fakeCore, settle } from './fixtures';

// The spec use-agents.ts declares (that module also reaches the page's api, so it is not imported here).
const agentsQuery = liveList({ channel: 'agents:list', request: {}, changed: 'agent:changed', keyOf: (a) => a.id });
const names = (agents: Agent[] | undefined) => (agents ?? []).map((a) => `${a.id}:${a.workState}`);

test('the query key is the channel and the request, whatever order the request was written in', () => {
  assert.equal(queryKey('alerts:list', { limit: 5, states: ['firing'] }), queryKey('alerts:list', { states: ['firing'], limit: 5 }));
  assert.notEqual(queryKey('alerts:list', { limit: 5 }), queryKey('alerts:list', { limit: 6 }));
  assert.notEqual(queryKey('agents:list', {}), queryKey('endpoints:list', {}));
});

test('a list is read once however many components watch it, and events keep it fresh', async () => {
  const core = fakeCore();
  const renders: string[] = [];
  core.cache.subscribe(agentsQuery, () => renders.push('a'));
  core.cache.subscribe(agentsQuery, () => renders.push('b'));
  assert.equal(core.calls.length, 1, 'one read for two watchers');
  await core.answer([agent('cmo'), agent('cso')]);
  assert.deepEqual(names(core.cache.snapshot(agentsQuery).data), ['cmo:idle', 'cso:idle']);
  assert.equal(core.cache.snapshot(agentsQuery).loading, false);

  core.emit('agent:changed', agent('cso', { workState: 'busy' }));
  core.emit('agent:changed', agent('seo'));
  core.frame();
  assert.deepEqual(names(core.cache.snapshot(agentsQuery).data), ['cmo:idle', 'cso:busy', 'seo:idle'], 'replaced in place, new one appended');
});

test('an event that lands while the list loads wins over the older version in the answer', async () => {
  const core = fakeCore();
  core.cache.subscribe(agentsQuery, () => {});
  core.emit('agent:changed', agent('cmo', { workState: 'busy' }));
  core.frame();
  assert.deepEqual(names(core.cache.snapshot(agentsQuery).data), ['cmo:busy'], 'shown before the list lands');
  await core.answer([agent('cmo', { workState: 'idle' }), agent('cso')]);
  assert.deepEqual(names(core.cache.snapshot(agentsQuery).data), ['cmo:busy', 'cso:idle']);
});

test('a burst of high-rate events is merged and rendered once per frame', async () => {
  const core = fakeCore();
  let notified = 0;
  core.cache.subscribe(agentsQuery, () => notified++);
  await core.answer([]);
  notified = 0;
  for (let i = 0; i < 500; i++) core.emit('agent:changed', agent(`a${i % 50}`, { workState: i < 450 ? 'idle' : 'busy' }));
  assert.equal(notified, 0, 'nothing until the frame');
  core.frame();
  assert.equal(notified, 1, 'one notification for 500 events');
  const data = core.cache.snapshot(agentsQuery).data!;
  assert.equal(data.length, 50);
  assert.ok(data.every((a) => a.workState === 'busy'), 'the last version of each agent wins');
});

test('the app holds one subscription per event channel, however many entries and listeners use it', async () => {
  const core = fakeCore();
  const decisions = liveList({ channel: 'decisions:list', request: { limit: 300 }, changed: 'decision:changed', keyOf: (d) => d.id });
  const moreDecisions = liveList({ channel: 'decisions:list', request: { limit: 10 }, changed: 'decision:changed', keyOf: (d) => d.id });
  for (const spec of [agentsQuery, decisions, moreDecisions, agentsQuery]) core.cache.subscribe(spec as QuerySpec<unknown>, () => {});
  core.hub.on('decision:changed', () => {});
  core.hub.on('agent:changed', () => {});
  assert.equal(core.subscriptions, 2, 'agent:changed and decision:changed, once each');
  assert.equal(core.hub.upstreamCount, 2);
});

test('removal events drop items; other events leave the list (and its identity) alone', async () => {
  const core = fakeCore();
  const endpoints = liveList({
    channel: 'endpoints:list',
    request: {},
    changed: 'endpoint:changed',
    keyOf: (e) => e.id,
    removed: { event: 'endpoint:removed', keyOf: ({ id }) => id },
  });
  core.cache.subscribe(endpoints, () => {});
  await core.answer([{ id: 'e1' }, { id: 'e2' }]);
  const before = core.cache.snapshot(endpoints).data;
  core.emit('endpoint:removed', { id: 'nope' });
  assert.equal(core.cache.snapshot(endpoints).data, before, 'unchanged list, same array');
  core.emit('endpoint:removed', { id: 'e1' });
  assert.deepEqual(core.cache.snapshot(endpoints).data, [{ id: 'e2' }]);
});

test('a failed load is reported and a refetch recovers, with events merged meanwhile', async () => {
  const core = fakeCore();
  core.cache.subscribe(agentsQuery, () => {});
  await core.fail('disk on fire');
  assert.equal(core.cache.snapshot(agentsQuery).error?.message, 'disk on fire');
  core.cache.refetch(agentsQuery.key);
  core.emit('agent:changed', agent('cso', { workState: 'busy' }));
  core.frame();
  await core.answer([agent('cmo'), agent('cso')]);
  const snapshot = core.cache.snapshot(agentsQuery);
  assert.equal(snapshot.error, null);
  assert.deepEqual(names(snapshot.data), ['cmo:idle', 'cso:busy']);
});

test('an answer to a superseded load, or a page of a window that was reloaded, is dropped', async () => {
  const core = fakeCore();
  core.cache.subscribe(agentsQuery, () => {});
  core.cache.refetch(agentsQuery.key);
  assert.equal(core.calls.length, 2);
  core.cache.extend(agentsQuery.key, (invoke) => invoke('agents:list', {}), (list: Agent[], more: Agent[]) => [...list, ...more]);
  assert.equal(core.calls.length, 2, 'no page while the entry loads');
  await core.answer([agent('old')]);
  assert.deepEqual(core.cache.snapshot(agentsQuery).data, [], 'the first answer was superseded');
  await core.answer([agent('new')]);
  assert.deepEqual(names(core.cache.snapshot(agentsQuery).data), ['new:idle']);

  core.cache.extend(agentsQuery.key, (invoke) => invoke('agents:list', {}), (list: Agent[], more: Agent[]) => [...list, ...more]);
  core.cache.refetch(agentsQuery.key);
  await core.answer([agent('page')]);
  await core.answer([agent('fresh')]);
  assert.deepEqual(names(core.cache.snapshot(agentsQuery).data), ['fresh:idle'], 'the page was of the data before the reload');
});

test('events the core computes from are re-read, at most once per delay', async () => {
  const core = fakeCore();
  const metrics: QuerySpec<{ n: number }> = {
    key: queryKey('metrics:get', { agentId: 'cmo' }),
    load: (invoke) => invoke('metrics:get', { agentId: 'cmo' }) as never,
    refetchOn: [refetchOn('metrics:changed', (e) => e.agentId === 'cmo')],
    refetchDelayMs: 1,
  };
  core.cache.subscribe(metrics, () => {});
  await core.answer({ n: 1 });
  core.emit('metrics:changed', { agentId: 'cso' });
  core.emit('metrics:changed', { agentId: 'cmo' });
  core.emit('metrics:changed', { agentId: 'cmo' });
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(core.calls.length, 1, 'two events of this agent, one read; the other agent none');
  await core.answer({ n: 2 });
  assert.deepEqual(core.cache.snapshot(metrics).data, { n: 2 });
});

test('an entry nobody watches is dropped with its listeners; a fresh-on-open one is re-read when watched again', async () => {
  const core = fakeCore();
  const palette: QuerySpec<unknown[]> = { key: queryKey('conversations:list', {}), load: (invoke) => invoke('conversations:list', {}), refetchOnMount: true };
  const off = core.cache.subscribe(palette, () => {});
  await core.answer(['a']);
  off();
  const again = core.cache.subscribe(palette, () => {});
  assert.equal(core.calls.length, 1, 'watched again before collection: read again, old data shown meanwhile');
  assert.deepEqual(core.cache.snapshot(palette).data, ['a']);
  await core.answer(['a', 'b']);
  again();

  const offAgents = core.cache.subscribe(agentsQuery, () => {});
  await core.answer([]);
  offAgents();
  assert.equal(core.cache.size, 2);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(core.cache.size, 0, 'both collected');
  core.emit('agent:changed', agent('late'));
  core.frame();
  await settle();
  assert.equal(core.cache.peek(agentsQuery.key), undefined, 'a dropped entry is not brought back by events');
});

test('resync after a connection gap: watched entries are read again with their data kept, unwatched ones dropped, local ones reset on request', async () => {
  const core = fakeCore();
  const watched: QuerySpec<string[]> = { key: 'agents:list {}', load: (invoke) => invoke('agents:list', {}) as never, initial: [] };
  const unwatched: QuerySpec<string[]> = { key: 'alerts:list {}', load: (invoke) => invoke('alerts:list', {}) as never, initial: [] };
  const streaming: QuerySpec<string[]> = { key: 'local:streaming', initial: [], resetOnResync: true };
  const unread: QuerySpec<string[]> = { key: 'local:unread', initial: [] };
  core.cache.subscribe(watched, () => {});
  core.cache.snapshot(unwatched);
  core.cache.subscribe(streaming, () => {});
  core.cache.subscribe(unread, () => {});
  await core.answer(['cmo']);
  await core.answer(['old alert']);
  core.cache.setData<string[]>(streaming.key, () => ['half a reply']);
  core.cache.setData<string[]>(unread.key, () => ['cso']);

  core.cache.resync();
  assert.equal(core.calls.length, 1, 'only the watched entry is read again');
  assert.equal(core.calls[0]!.channel, 'agents:list');
  assert.deepEqual(core.cache.snapshot(watched).data, ['cmo'], 'its data stays on screen meanwhile');
  assert.equal(core.cache.peek(unwatched.key), undefined, 'the unwatched entry is dropped');
  assert.deepEqual(core.cache.snapshot(streaming).data, [], 'a streamed reply cut off by the gap is gone');
  assert.deepEqual(core.cache.snapshot(unread).data, ['cso'], 'other local state is kept');
  await core.answer(['cmo', 'cso']);
  assert.deepEqual(core.cache.snapshot(watched).data, ['cmo', 'cso']);
});

test('onReconnected fires when the connection comes back after being lost, not on the first connect', () => {
  const connection = createConnectionStore({ state: 'connecting' });
  let backs = 0;
  onReconnected(connection, () => backs++);
  connection.set({ state: 'online' });
  assert.equal(backs, 0);
  connection.set({ state: 'lost', retryAt: 0, attempt: 1 });
  connection.set({ state: 'lost', retryAt: 0, attempt: 2 });
  connection.set({ state: 'online' });
  assert.equal(backs, 1);
  connection.set({ state: 'lost', retryAt: 0, attempt: 1 });
  connection.set({ state: 'expired' });
  assert.equal(backs, 1, 'an expired link is not a return');
});
