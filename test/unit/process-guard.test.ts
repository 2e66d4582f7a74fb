import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { fatalReason, installProcessGuard } from '../../src/main/core/lib/process-guard';
import type { Logger } from '../../src/main/core/logger';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m, e) => lines.push(`${m} | ${e instanceof Error ? e.message : ''}`) };
}

test('a flood of stray failures is printed up to the bound, then counted, and never ends the process', () => {
  const target = new EventEmitter();
  const logger = recordingLogger();
  const exits: number[] = [];
  let clock = 0;
  installProcessGuard({ logger, target: target as never, exit: (code) => exits.push(code), now: () => clock, maxReportsPerWindow: 3, reportWindowMs: 1000 });
  for (let i = 0; i < 10; i++) target.emit('unhandledRejection', new Error(`r${i}`));
  target.emit('unhandledRejection', 'a bare string');
  assert.equal(logger.lines.length, 3);
  clock = 1000;
  target.emit('uncaughtException', new Error('after the window'));
  assert.deepEqual(logger.lines.slice(3), [
    '8 more unhandled failures were not printed in the last 1 s | ',
    'an uncaught exception was caught; the console keeps running | after the window',
  ]);
  assert.deepEqual(exits, []);
});

test('a non-Error rejection is reported as an Error that says what was thrown', () => {
  const target = new EventEmitter();
  const logger = recordingLogger();
  installProcessGuard({ logger, target: target as never, exit: () => assert.fail('must not exit') });
  target.emit('unhandledRejection', { no: 'stack' });
  assert.match(logger.lines[0]!, /non-Error value: \[object Object\]/);
});

test('installing twice handles each failure once; uninstalling removes the handlers', () => {
  const target = new EventEmitter();
  const logger = recordingLogger();
  const off = installProcessGuard({ logger, target: target as never });
  installProcessGuard({ logger, target: target as never });
  assert.equal(target.listenerCount('unhandledRejection'), 1);
  assert.equal(target.listenerCount('uncaughtException'), 1);
  off();
  assert.equal(target.listenerCount('unhandledRejection'), 0);
  assert.equal(target.listenerCount('uncaughtException'), 0);
});

test('a logger that throws ends the process (it would fail silently from then on); so does a Node assertion', () => {
  const target = new EventEmitter();
  const exits: number[] = [];
  const broken: Logger = { info: () => {}, warn: () => {}, error: () => { throw new Error('disk gone'); } };
  installProcessGuard({ logger: broken, target: target as never, exit: (code) => exits.push(code) });
  target.emit('unhandledRejection', new Error('x'));
  assert.deepEqual(exits, [1]);
  assert.notEqual(fatalReason(Object.assign(new Error('x'), { code: 'ERR_INTERNAL_ASSERTION' })), null);
  for (const survivable of [new Error('x'), Object.assign(new Error('x'), { code: 'EMFILE' }), new RangeError('Array buffer allocation failed'), 'str', null]) {
    assert.equal(fatalReason(survivable), null);
  }
});
