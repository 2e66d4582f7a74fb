import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MessageWindow } from '../../../src/shared/history';
import { mergeLive, messageWindowQuery, newerPage, olderPage, WINDOW_MAX } from '../../../src/renderer/src/features/conversations/message-window';
import { streamingQuery } from '../../../src/renderer/src/features/conversations/streaming-query';
import { fakeCore, message } from './fixtures';

const window = (ids: string[], more: Partial<MessageWindow> = {}): MessageWindow => ({
  conversation: null,
  messages: ids.map((id) => message(id)),
  hasOlder: false,
  hasNewer: false,
  ...more,
});
const ids = (w: MessageWindow | undefined) => (w?.messages ?? []).map((m) => `${m.id}:${m.status}`).join(' ');

test('live messages: updates replace, new ones append only while the window reaches the newest end', () => {
  const conv = 'direct:cmo';
  const live = window(['m1', 'm2']);
  const batch = [message('m2', { status: 'delivered' }), message('m3'), message('x1', { conversationId: 'direct:cso' })];
  assert.equal(ids(mergeLive(live, conv, batch)), 'm1:received m2:delivered m3:received');
  assert.equal(ids(mergeLive(window(['m1', 'm2'], { hasNewer: true }), conv, batch)), 'm1:received m2:delivered', 'deep in history');
  assert.equal(mergeLive(live, conv, [message('x1', { conversationId: 'direct:cso' })]), live, 'another conversation: same window');
});

test('a window loads, takes live messages that arrive meanwhile, and pages both ways', async () => {
  const core = fakeCore();
  const spec = messageWindowQuery('direct:cmo', 'live', null);
  core.cache.subscribe(spec, () => {});
  assert.deepEqual(core.calls[0]!.request, { source: 'live', conversationId: 'direct:cmo', limit: 100 });
  core.emit('message:changed', message('m3'));
  core.frame();
  await core.answer(window(['m2'], { hasOlder: true }));
  assert.equal(ids(core.cache.snapshot(spec).data), 'm2:received m3:received');

  core.cache.extend(spec.key, ...olderPage('direct:cmo', 'live', 'm2'));
  assert.deepEqual(core.calls[0]!.request, { source: 'live', conversationId: 'direct:cmo', limit: 100, beforeId: 'm2' });
  await core.answer(window(['m1'], { hasOlder: false }));
  const data = core.cache.snapshot(spec).data!;
  assert.equal(ids(data), 'm1:received m2:received m3:received');
  assert.equal(data.hasOlder, false);

  const anchored = messageWindowQuery('direct:cmo', 'live', 'm1');
  core.cache.subscribe(anchored, () => {});
  assert.equal(core.calls[0]!.channel, 'messages:around');
  await core.answer(window(['m0', 'm1'], { hasNewer: true }));
  core.emit('message:changed', message('m9'));
  core.frame();
  assert.equal(ids(core.cache.snapshot(anchored).data), 'm0:received m1:received', 'not appended deep in history');
  core.cache.extend(anchored.key, ...newerPage('direct:cmo', 'live', 'm1'));
  await core.answer(window(['m2', 'm9'], { hasNewer: false }));
  assert.equal(ids(core.cache.snapshot(anchored).data), 'm0:received m1:received m2:received m9:received');
  assert.equal(core.cache.snapshot(anchored).data!.hasNewer, false);
});

test('an archive window is not merged with live messages', async () => {
  const core = fakeCore();
  const spec = messageWindowQuery('direct:cmo', 'archive', null);
  core.cache.subscribe(spec, () => {});
  await core.answer(window(['a1']));
  core.emit('message:changed', message('m3'));
  core.frame();
  assert.equal(ids(core.cache.snapshot(spec).data), 'a1:received');
});

test('a streamed reply shows until its logged message arrives', () => {
  const core = fakeCore();
  const spec = streamingQuery('direct:cmo');
  core.cache.subscribe(spec, () => {});
  core.emit('message:streamed', { id: 'r1', conversationId: 'direct:cmo', agentId: 'cmo', text: 'Hel' });
  core.emit('message:streamed', { id: 'r1', conversationId: 'direct:cmo', agentId: 'cmo', text: 'Hello' });
  core.emit('message:streamed', { id: 'r2', conversationId: 'direct:cso', agentId: 'cso', text: 'other' });
  assert.deepEqual(core.cache.snapshot(spec).data!.map((r) => r.text), ['Hello']);
  core.emit('message:changed', message('r1'));
  core.frame();
  assert.deepEqual(core.cache.snapshot(spec).data, []);
});

test('the window stays bounded: a long stream drops its oldest, paging up drops its newest', () => {
  const conv = 'direct:cmo';
  const many = (from: number, count: number) => Array.from({ length: count }, (_, i) => `m${from + i}`);
  let live = window(many(0, WINDOW_MAX - 10));
  live = mergeLive(live, conv, many(WINDOW_MAX - 10, 50).map((id) => message(id)));
  assert.equal(live.messages.length, WINDOW_MAX);
  assert.equal(live.messages[0]!.id, 'm40', 'the oldest left');
  assert.equal(live.messages.at(-1)!.id, `m${WINDOW_MAX + 39}`, 'the newest is in');
  assert.equal(live.hasOlder, true, 'what left can be paged back in');

  const [, combineOlder] = olderPage(conv, 'live', 'm40');
  const up = combineOlder(live, window(many(-60, 100).map((id) => id.replace('m-', 'o')), { hasOlder: true }));
  assert.equal(up.messages.length, WINDOW_MAX);
  assert.equal(up.hasNewer, true, 'the newest end left: "back to latest"');
  assert.equal(up.hasOlder, true);

  const [, combineNewer] = newerPage(conv, 'live', 'x');
  const down = combineNewer(up, window(many(5000, 100), { hasNewer: false }));
  assert.equal(down.messages.length, WINDOW_MAX);
  assert.equal(down.messages.at(-1)!.id, 'm5099');
  assert.equal(down.hasOlder, true);
});
