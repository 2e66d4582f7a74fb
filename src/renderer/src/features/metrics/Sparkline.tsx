import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricSeries } from '@shared/domain';
import { themeColor, useTheme } from '../../ui/theme';

/** One metric over time as a small uPlot line chart (canvas: cheap to redraw as samples arrive). */
export function Sparkline({ series, width = 220, height = 60 }: { series: MetricSeries; width?: number; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const { resolved: theme } = useTheme();
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const data: uPlot.AlignedData = [series.points.map((p) => p.at / 1000), series.points.map((p) => p.value)];
    const chart = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true } },
        axes: [{ show: false }, { show: true, size: 36, font: '10px system-ui', stroke: themeColor('--muted'), grid: { stroke: themeColor('--border') }, ticks: { show: false } }],
        series: [{}, { stroke: themeColor('--accent'), width: 1.5, fill: themeColor('--accent-soft'), points: { show: series.points.length < 3 } }],
      },
      data,
      el,
    );
    return () => chart.destroy();
    // The canvas cannot use var(...): it is redrawn with the new colours when the theme changes.
  }, [series, width, height, theme]);
  return <div ref={host} className="sparkline" aria-label={`${series.name} chart`} />;
}
