import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LINK_BOUNDS } from '../../src/main/core/links/link-bounds';
import { StreamAssembler } from '../../src/main/core/links/stream-assembler';

function appended(result: ReturnType<StreamAssembler['append']>): string {
  assert.ok(result.ok, `appended, not refused: ${result.ok ? '' : result.message}`);
  return result.stream.text;
}

test('a stream is its agent’s: another agent cannot append to, restart or complete it', () => {
  const streams = new StreamAssembler(LINK_BOUNDS);
  assert.equal(appended(streams.append('L1', 'a', 's1', 'c1', 'Hello')), 'Hello');

  // Same link (a gateway) and another link alike.
  for (const link of ['L1', 'L2']) {
    const refused = streams.append(link, 'b', 's1', 'c9', 'hijack');
    assert.ok(!refused.ok);
    assert.equal(refused.code, 'OUT_OF_SCOPE');
  }
  assert.equal(streams.complete('b', 's1'), undefined, 'b completing a’s id finds nothing');
  assert.equal(appended(streams.append('L1', 'a', 's1', 'c1', ', world')), 'Hello, world', 'a’s stream is untouched');
  assert.equal(streams.agentOf('s1'), 'a');

  const done = streams.complete('a', 's1');
  assert.equal(done?.text, 'Hello, world');
  assert.equal(streams.agentOf('s1'), undefined);
  assert.deepEqual(streams.usageOfLink('L1'), { open: 0, chars: 0 }, 'nothing is held once complete');
  // Once a’s stream is done, the id is free: the log (not the assembler) says whether b may use it.
  assert.equal(appended(streams.append('L1', 'b', 's1', 'c9', 'x')), 'x');
});

test('a link holds at most maxOpenStreams streams; completing one makes room', () => {
  const streams = new StreamAssembler({ maxOpenStreams: 3, maxStreamedChars: 1_000 });
  for (const id of ['s1', 's2', 's3']) appended(streams.append('L1', 'a', id, 'c1', '.'));
  const fourth = streams.append('L1', 'b', 's4', 'c2', '.');
  assert.ok(!fourth.ok);
  assert.equal(fourth.code, 'RATE_LIMITED');
  assert.match(fourth.message, /maxOpenStreams/);
  assert.equal(streams.agentOf('s4'), undefined, 'the refused stream was not opened');
  // An open stream still takes deltas, and another link has its own allowance.
  assert.equal(appended(streams.append('L1', 'a', 's1', 'c1', '.')), '..');
  appended(streams.append('L2', 'c', 's5', 'c3', '.'));
  streams.complete('a', 's2');
  assert.equal(appended(streams.append('L1', 'b', 's4', 'c2', 'now')), 'now');
  assert.deepEqual(streams.usageOfLink('L1'), { open: 3, chars: 6 }, 's1 "..", s3 ".", s4 "now"');
});

test('a link’s open streams hold at most maxStreamedChars together; a refused delta appends nothing', () => {
  const streams = new StreamAssembler({ maxOpenStreams: 10, maxStreamedChars: 10 });
  appended(streams.append('L1', 'a', 's1', 'c1', '123456'));
  const over = streams.append('L1', 'b', 's2', 'c2', '12345');
  assert.ok(!over.ok);
  assert.equal(over.code, 'RATE_LIMITED');
  assert.match(over.message, /maxStreamedChars/);
  assert.equal(appended(streams.append('L1', 'a', 's1', 'c1', '7890')), '1234567890', 'exactly at the bound is fine');
  assert.ok(!streams.append('L1', 'a', 's1', 'c1', '!').ok, 'one character past it is not');
  assert.deepEqual(streams.usageOfLink('L1'), { open: 1, chars: 10 });
  assert.equal(appended(streams.append('L2', 'b', 's2', 'c2', '12345')), '12345', 'another link is not charged for it');

  const cut = streams.interruptLink('L1');
  assert.deepEqual(cut.map((s) => [s.agentId, s.id, s.text]), [['a', 's1', '1234567890']]);
  assert.deepEqual(streams.usageOfLink('L1'), { open: 0, chars: 0 }, 'a dropped link frees what it held');
  assert.equal(streams.agentOf('s1'), undefined);
  assert.deepEqual(streams.usageOfLink('L2'), { open: 1, chars: 5 });
});

test('one stream still keeps at most 512 Ki characters, and only what it kept is charged to the link', () => {
  const streams = new StreamAssembler({ maxOpenStreams: 10, maxStreamedChars: 600 * 1024 });
  const chunk = 'x'.repeat(64 * 1024);
  for (let i = 0; i < 10; i++) streams.append('L1', 'a', 's1', 'c1', chunk);
  assert.equal(streams.usageOfLink('L1').chars, 512 * 1024);
  assert.equal(appended(streams.append('L1', 'a', 's2', 'c1', chunk)).length, 64 * 1024, 'room left for another stream');
});

test('agent and stream ids holding NUL cannot make one agent’s (agent, id) key another’s', () => {
  const streams = new StreamAssembler(LINK_BOUNDS);
  assert.equal(appended(streams.append('L1', 'a\u0000b', 'c', 'c1', 'theirs')), 'theirs');
  // Joined with a NUL, ('a', 'b\0c') would be the same key as ('a\0b', 'c').
  assert.equal(appended(streams.append('L1', 'a', 'b\u0000c', 'c2', 'mine')), 'mine', 'a fresh stream, not theirs');
  assert.equal(streams.complete('a', 'b\u0000c')?.text, 'mine');
  assert.equal(streams.complete('a\u0000b', 'c')?.text, 'theirs');
});
