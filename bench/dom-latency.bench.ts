/**
 * dom_latency_p99: an agent's frame to its text in the DOM of the open conversation, at 500 msg/s into that
 * conversation, in Debian Chromium through the real browser host and core. The agent (own process) stamps each send
 * on the system-wide monotonic clock; a MutationObserver in the page stamps each message's first appearance on the
 * page's clock, which is mapped onto the monotonic one by the round trip of least delay. Baseline, in the same run
 * and for the same frames: frame to core event (what fanin_latency_p99 measures).
 */
import { monotonicMs } from './link-bench-support';
import { type Benchmark, percentile } from './harness';
import { pageClockOffset, startStreamingConsole } from './dom-latency-support';

/** Page code, as text (this file is type-checked without the DOM): records when each message first shows. */
const OBSERVE = `() => {
  const seen = new Map();
  window.__domSeen = seen;
  const mark = (node, at) => {
    if (node.nodeType !== 1) return;
    const found = node.matches('[data-message-id]') ? [node] : node.querySelectorAll('[data-message-id]');
    for (const el of found) {
      const id = el.getAttribute('data-message-id');
      if (!seen.has(id) && el.textContent.length > 0) seen.set(id, at);
    }
  };
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) for (const node of record.addedNodes) mark(node, at);
  }).observe(document.body, { childList: true, subtree: true });
}`;

const benchmark: Benchmark = {
  name: 'dom_latency',
  async run(context) {
    const rate = context.size(500, 100);
    const count = Math.round(rate * context.size(10, 0.5));
    const app = await startStreamingConsole(context.tempDir());
    try {
      const coreAt = new Map<string, number>();
      app.core.on('message:changed', (m) => {
        if (!coreAt.has(m.id)) coreAt.set(m.id, monotonicMs());
      });
      await app.page.evaluate(`(${OBSERVE})()`);
      // Warm up the path (JIT, first renders) before anything is timed.
      const warm = await app.send(rate, Math.round(rate / 2), false);
      await app.waitForMessage(warm.lastSeq);
      const clockBefore = await pageClockOffset(app.page);
      const { lastSeq, sentAt } = await app.send(rate, count, true);
      await app.waitForMessage(lastSeq);
      const clockAfter = await pageClockOffset(app.page);
      const offset = (clockBefore.offset + clockAfter.offset) / 2;
      const seen = new Map((await app.page.evaluate('[...window.__domSeen]')) as [string, number][]);
      // A message that arrives in the same frame as more than a screenful of newer ones is scrolled past before it
      // is ever drawn: it reached the screen when a newer one did. So each message counts from the first appearance
      // of itself or of any newer message (the rows are in order).
      const ordered = [...sentAt].sort((a, b) => seqOf(a[0]) - seqOf(b[0]));
      const dom: number[] = new Array(ordered.length);
      const core: number[] = [];
      const rendererShare: number[] = [];
      let earliestNewer = Number.POSITIVE_INFINITY;
      let skipped = 0;
      for (let i = ordered.length - 1; i >= 0; i--) {
        const [id, sent] = ordered[i]!;
        const shown = seen.get(id);
        if (shown === undefined) skipped++;
        earliestNewer = Math.min(earliestNewer, shown ?? Number.POSITIVE_INFINITY);
        const event = coreAt.get(id);
        if (!Number.isFinite(earliestNewer) || event === undefined) throw new Error(`message ${id} never reached the ${event === undefined ? 'core' : 'DOM'}`);
        dom[i] = earliestNewer - offset - sent;
        core.push(event - sent);
        rendererShare.push(dom[i]! - (event - sent));
      }
      const value = percentile(dom, 99);
      const baseline = percentile(core, 99);
      context.log(
        `${dom.length} frames at ${rate} msg/s into the open conversation: DOM p50 ${percentile(dom, 50).toFixed(1)} ms, p99 ${value.toFixed(1)} ms, ` +
          `max ${Math.max(...dom).toFixed(1)} ms, ${skipped} scrolled past unrendered; core event p99 ${baseline.toFixed(1)} ms; ` +
          `core event -> DOM p50 ${percentile(rendererShare, 50).toFixed(1)} ms, p99 ${percentile(rendererShare, 99).toFixed(1)} ms; clock error <= ${Math.max(clockBefore.error, clockAfter.error).toFixed(2)} ms, ` +
          `drift ${(clockAfter.offset - clockBefore.offset).toFixed(2)} ms`,
      );
      return [
        {
          name: 'dom_latency_p99',
          value,
          unit: 'ms',
          baseline_name: 'frame -> core event p99 (fanin_latency_p99), same frames',
          baseline_value: baseline,
          ratio: value / baseline,
          goal: `p99 <= 33 ms at ${rate} msg/s (frame -> text in the open conversation's DOM)`,
          pass: value <= 33,
        },
      ];
    } finally {
      await app.close();
    }
  },
};

function seqOf(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}

export default benchmark;
