import type { Benchmark } from './harness';
import { rosterFilterBenchmark } from './roster-filter.bench';

/** roster_filter_10000: as roster_filter_1000, with a company's fleet of 10,000 agents behind gateways of 250. */
const benchmark: Benchmark = {
  name: 'roster_filter_10000',
  run: (context) => rosterFilterBenchmark(context, 'roster_filter_10000', context.size(10_000, 300)),
};

export default benchmark;
