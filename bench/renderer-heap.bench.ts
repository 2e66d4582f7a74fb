/**
 * renderer_heap_200k: the page's JS heap (after a forced GC, over CDP) once 200,000 messages have streamed through an
 * open conversation, and its growth over the last 50,000. Baseline: the same heap with the conversation open and
 * empty, before the stream. A renderer that keeps what it has shown grows with every message; a bounded one is flat.
 */
import { type Benchmark } from './harness';
import { startStreamingConsole, usedHeapMb } from './dom-latency-support';

const benchmark: Benchmark = {
  name: 'renderer_heap',
  async run(context) {
    const total = context.size(200_000, 3_000);
    const last = context.size(50_000, 1_000);
    const rate = context.size(4_000, 2_000);
    const app = await startStreamingConsole(context.tempDir());
    try {
      const empty = await usedHeapMb(app.cdp);
      const first = await app.send(rate, total - last, false);
      await app.waitForMessage(first.lastSeq);
      const before = await usedHeapMb(app.cdp);
      const rest = await app.send(rate, last, false);
      await app.waitForMessage(rest.lastSeq);
      const after = await usedHeapMb(app.cdp);
      const growth = (after - before) / before;
      const rows = await app.page.locator('[data-message-id]').count();
      context.log(
        `heap ${empty.toFixed(1)} MB open and empty, ${before.toFixed(1)} MB after ${total - last}, ${after.toFixed(1)} MB after ${total} ` +
          `(growth ${(growth * 100).toFixed(1)}% over the last ${last}); ${rows} message rows in the DOM`,
      );
      return [
        {
          name: 'renderer_heap_200k',
          value: after,
          unit: 'MB',
          baseline_name: 'heap with the conversation open and empty, MB',
          baseline_value: empty,
          ratio: after / empty,
          goal: `<= 150 MB after ${total} messages`,
          pass: after <= 150,
        },
        {
          name: 'renderer_heap_growth_last_50k',
          value: growth * 100,
          unit: '%',
          baseline_name: `heap after ${total - last} messages, MB`,
          baseline_value: before,
          ratio: after / before,
          goal: `growth <= 5% over the last ${last} messages`,
          pass: growth <= 0.05,
        },
      ];
    } finally {
      await app.close();
    }
  },
};

export default benchmark;
