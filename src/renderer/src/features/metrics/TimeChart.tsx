import { useEffect, useId, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricSeries } from '@shared/domain';
import { formatTime } from '../../ui/format';
import { readChartColors, useThemeVersion } from './chart-theme';
import { formatMetricValue, metricLabel } from './metric-format';

interface TimeChartProps {
  series: MetricSeries;
  /** The x axis spans [now - windowS, now] whatever the samples cover, so the range shows even where data is sparse. */
  windowS: number;
  now: number;
  height?: number;
}

/** The last value, lowest and highest, for the caption and for readers who cannot see the canvas. */
export function summarize(series: MetricSeries) {
  const values = series.points.map((p) => p.value);
  const last = series.points.at(-1);
  return { last, min: values.length ? Math.min(...values) : null, max: values.length ? Math.max(...values) : null };
}

/**
 * One metric over time as a uPlot chart: a time axis, a value axis in the metric's unit, and a cursor whose legend
 * reads the value and the time under the pointer. Colours come from the theme's CSS variables.
 */
export function TimeChart({ series, windowS, now, height = 160 }: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  // The legend lives outside the role="img" canvas host: an image's children are hidden from assistive technology.
  const legendHost = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();
  const label = metricLabel(series.name, series.unit);
  const summaryId = useId();
  const { last, min, max } = useMemo(() => summarize(series), [series]);
  const format = (v: number) => formatMetricValue(v, series.unit);

  // Live data arrives up to twice a second: it is pushed into the chart in place (setData), so a hover survives it.
  // The chart is built again only when what it is drawn with changes: the range, the unit, the theme.
  const chart = useRef<uPlot | null>(null);
  const nowS = useRef(now / 1000);
  nowS.current = now / 1000;
  const unit = series.unit;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const colors = readChartColors(el);
    const font = '11px system-ui, sans-serif';
    const axis = { stroke: colors.muted, font, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1, size: 4 } };
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height,
        scales: { x: { time: true, range: () => [nowS.current - windowS, nowS.current] } },
        cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7, fill: colors.line } },
        legend: { show: true, live: true, mount: (_u, legend) => legendHost.current?.append(legend) },
        axes: [
          { ...axis, space: 70 },
          { ...axis, size: 64, space: 24, values: (_u, ticks) => ticks.map((t) => formatMetricValue(t, unit)) },
        ],
        series: [
          { label: 'Time', value: (_u, v) => (v == null ? '—' : formatTime(v * 1000, nowS.current * 1000)) },
          {
            label,
            stroke: colors.line,
            width: 1.5,
            fill: colors.fill,
            // Dots only while there are too few samples to draw a line between.
            points: { show: (u) => u.data[0].length < 3 },
            value: (_u, v) => (v == null ? '—' : formatMetricValue(v, unit)),
          },
        ],
      },
      [[], []],
      el,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.current = null;
      plot.destroy();
      legendHost.current?.replaceChildren();
    };
  }, [windowS, height, label, unit, themeVersion]);

  useEffect(() => {
    chart.current?.setData([series.points.map((p) => p.at / 1000), series.points.map((p) => p.value)]);
  }, [series, now, windowS, label, unit, themeVersion]);

  return (
    <figure className="time-chart" aria-labelledby={`${summaryId}-title`} aria-describedby={summaryId}>
      <figcaption id={`${summaryId}-title`}>
        {label} <strong>{last ? format(last.value) : '—'}</strong>
      </figcaption>
      <div ref={host} className="time-chart-canvas" role="img" aria-label={`${label} chart`} aria-describedby={summaryId} />
      <div ref={legendHost} className="time-chart-legend" aria-label={`${label} at the cursor`} role="group" />
      <p id={summaryId} className="visually-hidden">
        {last && min !== null && max !== null
          ? `${label}: last ${format(last.value)} at ${formatTime(last.at, now)}; lowest ${format(min)}, highest ${format(max)} over ${series.points.length} points.`
          : `${label}: no samples in this range.`}
      </p>
    </figure>
  );
}
