import { readableId } from '../../ui/format';

/** The ranges an operator picks between, as the core's `windowS`. */
export const METRIC_RANGES = [
  { id: '1h', label: '1 h', name: 'Last hour', windowS: 3_600 },
  { id: '24h', label: '24 h', name: 'Last 24 hours', windowS: 86_400 },
  { id: '7d', label: '7 d', name: 'Last 7 days', windowS: 7 * 86_400 },
] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];
export type MetricRangeId = MetricRange['id'];

/** "p95_latency" + "ms" → "P95 latency (ms)": the series' name as words (the app's one way, ui/format), with its unit. */
export function metricLabel(name: string, unit: string | null): string {
  const label = readableId(name);
  return unit ? `${label} (${unit})` : label;
}

const number = (value: number, digits: number) => value.toLocaleString(undefined, { maximumFractionDigits: digits });

/** A value as an operator reads it: "$42,000", "$6.2M", "2.8%", "182 ms", "2.4x". */
export function formatMetricValue(value: number, unit: string | null): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  switch (unit) {
    case null:
    case '':
      return number(value, digits);
    case '$':
    case 'USD':
      return `$${number(value, Math.abs(value) >= 100 ? 0 : 2)}`;
    case 'USD M':
      return `$${number(value, 2)}M`;
    case 'USD K':
      return `$${number(value, 1)}K`;
    case '%':
      return `${number(value, digits)}%`;
    case 'x':
      return `${number(value, 2)}x`;
    default:
      return `${number(value, digits)} ${unit}`;
  }
}
