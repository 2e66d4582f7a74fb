/**
 * Loaded with `--import` ahead of a real entry point (the browser host CLI), so a test can make that process fail the
 * way a bug would, from outside: one line on stdin per failure. Nothing here handles the failure: whatever the entry
 * point installed must.
 *   reject  -> a promise rejection nobody awaits
 *   throw   -> an exception thrown from a callback (a timer), past every try/catch
 *   assert  -> an exception that says Node itself is unsound (code ERR_INTERNAL_ASSERTION)
 */
import readline from 'node:readline';

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'reject') void Promise.reject(new Error('stray rejection made by the test'));
  if (line === 'throw') {
    setImmediate(() => {
      throw new Error('stray exception made by the test');
    });
  }
  if (line === 'assert') {
    setImmediate(() => {
      throw Object.assign(new Error('internal assertion made by the test'), { code: 'ERR_INTERNAL_ASSERTION' });
    });
  }
});
