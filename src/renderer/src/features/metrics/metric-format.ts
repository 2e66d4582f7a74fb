/** The ranges an operator picks between, as the core's `windowS`. */
export const METRIC_RANGES = [
  { id: '1h', label: '1 h', name: 'Last hour', windowS: 3_600 },
  { id: '24h', label: '24 h', name: 'Last 24 hours', windowS: 86_400 },
  { id: '7d', label: '7 d', name: 'Last 7 days', windowS: 7 * 86_400 },
] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];
export type MetricRangeId = MetricRange['id'];

const ACRONYMS = new Set(['arr', 'ctr', 'rtt', 'seo', 'cpu', 'mrr', 'api', 'nps', 'p50', 'p90', 'p95', 'p99', 'usd', 'q1', 'q2', 'q3', 'q4']);

/** "p95_latency" + "ms" → "P95 latency (ms)": the series' name as words, with its unit in the label. */
export function metricLabel(name: string, unit: string | null): string {
  const words = name
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
  const text = words.join(' ');
  const label = text.charAt(0).toUpperCase() + text.slice(1);
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
