import type { Page } from 'playwright-core';

/**
 * Runs in the page (kept as source text: the Node side has no DOM types). Each step types a search text the way a
 * keystroke does (an `input` event React handles), waits for React's commit (the roster shows the new filter), and
 * forces style and layout of the result, then records the time taken.
 */
const IN_PAGE = `async (steps) => {
  const input = document.querySelector('input[aria-label="Search agents"]');
  const roster = document.querySelector('.roster');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const times = [];
  for (const text of steps) {
    const t0 = performance.now();
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // React commits a discrete event's update in a microtask; fall back to frames if it has not yet.
    await Promise.resolve();
    while (roster.dataset.filter !== text && performance.now() - t0 < 2000) await new Promise((r) => requestAnimationFrame(r));
    void document.querySelector('.roster-scroll').getBoundingClientRect().height;
    void document.body.offsetHeight;
    times.push(performance.now() - t0);
  }
  return times;
}`;

/** Times each filter change of the roster, in ms, measured inside Chromium. */
export async function timeRosterFilters(page: Page, texts: string[]): Promise<number[]> {
  return (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(texts)})`)) as number[];
}

/** Filters that alternate between everything and a subset, so each one changes what is on screen. */
export function rosterSteps(rounds: number): { real: string[]; empty: string[] } {
  const subsets = ['support', 'ops agent', 'campaign', 'sdr', 'billing', 'build agent', 'twin'];
  const real: string[] = [];
  const empty: string[] = [];
  for (let i = 0; i < rounds; i++) {
    real.push(subsets[i % subsets.length]!, '');
    // The baseline: from no match to no match, so no row is drawn.
    empty.push(`zz-none-${i}`, `zz-none-${i}x`);
  }
  return { real, empty };
}
