import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createContext, loadBenchmarks } from '../../bench/harness';

/** Runs every benchmark at smoke size: the code paths work and report well-formed results. Goals are not checked. */
test('every benchmark runs at smoke size and reports well-formed results', async () => {
  const benchmarks = await loadBenchmarks();
  for (const benchmark of benchmarks) {
    const context = createContext(true);
    try {
      const results = await benchmark.run(context);
      assert.ok(results.length > 0, `${benchmark.name} reported nothing`);
      for (const r of results) {
        assert.ok(Number.isFinite(r.value) && Number.isFinite(r.baseline_value), `${r.name}: ${JSON.stringify(r)}`);
        assert.ok(r.goal.length > 0 && r.unit.length > 0, `${r.name} needs a unit and a goal`);
      }
    } finally {
      context.cleanup();
    }
  }
});
