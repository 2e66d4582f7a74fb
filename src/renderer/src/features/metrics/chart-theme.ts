import { useEffect, useState } from 'react';

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  line: string;
  fill: string;
}

/** The chart's colours from the page's CSS variables, so a light or dark theme recolours the canvas too. */
export function readChartColors(element: Element = document.documentElement): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const line = read('--accent', '#3d6df2');
  return {
    text: read('--text', '#1c2230'),
    muted: read('--muted', '#6b7385'),
    grid: read('--border', '#e2e5eb'),
    line,
    fill: withAlpha(line, 0.12),
  };
}

/** "#3d6df2" or "rgb(61 109 242)" at the given opacity; a canvas takes no CSS color-mix(). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex) {
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(color);
  return rgb ? `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})` : 'transparent';
}

/**
 * A number that changes whenever the theme may have: the OS scheme flips, or the root's class, style or data-theme
 * attribute changes (where a theme toggle records its choice). Charts redraw with fresh colours on a change.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    scheme?.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    for (const root of [document.documentElement, document.body]) {
      observer.observe(root, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
    }
    return () => {
      scheme?.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return version;
}
