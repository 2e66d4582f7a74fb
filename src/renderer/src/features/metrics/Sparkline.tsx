import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricSeries } from '@shared/domain';

/** One metric over time as a small uPlot line chart (canvas: cheap to redraw as samples arrive). */
export function Sparkline({ series, width = 220, height = 60 }: { series: MetricSeries; width?: number; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
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
        axes: [{ show: false }, { show: true, size: 36, font: '10px system-ui', stroke: '#6b7385', grid: { stroke: '#eef0f4' }, ticks: { show: false } }],
        series: [{}, { stroke: '#3d6df2', width: 1.5, fill: 'rgba(61, 109, 242, 0.08)', points: { show: series.points.length < 3 } }],
      },
      data,
      el,
    );
    return () => chart.destroy();
  }, [series, width, height]);
  return <div ref={host} className="sparkline" aria-label={`${series.name} chart`} />;
}
