import { type RefObject, useEffect, useState } from 'react';

/**
 * Fixed-height windowing: which rows of `count` are visible in the scroller (plus an overscan), so 1,000 agents
 * cost the DOM of a screenful. Row heights are fixed by kind, so offsets are a prefix sum, not a measurement.
 */
export function useVirtualRows(scroller: RefObject<HTMLElement | null>, heights: number[], overscan = 8) {
  const [viewport, setViewport] = useState({ top: 0, height: 600 });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => setViewport({ top: el.scrollTop, height: el.clientHeight || 600 });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [scroller]);

  let offset = 0;
  let start = -1;
  let end = heights.length;
  let startOffset = 0;
  for (let i = 0; i < heights.length; i++) {
    const h = heights[i]!;
    if (start === -1 && offset + h > viewport.top) {
      start = Math.max(0, i - overscan);
      startOffset = offset;
      for (let j = i - 1; j >= start; j--) startOffset -= heights[j]!;
    }
    offset += h;
    if (start !== -1 && offset > viewport.top + viewport.height) {
      end = Math.min(heights.length, i + 1 + overscan);
      break;
    }
  }
  let total = 0;
  for (const h of heights) total += h;
  if (start === -1) start = 0;
  return { start, end, offsetTop: startOffset, totalHeight: total };
}
