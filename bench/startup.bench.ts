/** core_open_1m, cold_start_1m, log_bytes_per_message: see startup-support.ts. */
import type { Benchmark } from './harness';
import { seededHistory } from './seed-history';
import { startupResults } from './startup-support';

const benchmark: Benchmark = {
  name: 'startup',
  async run(ctx) {
    return startupResults(ctx, seededHistory(ctx.smoke), '1m');
  },
};

export default benchmark;
