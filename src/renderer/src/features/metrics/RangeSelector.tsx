import { METRIC_RANGES, type MetricRangeId } from './metric-format';

/** 1 h / 24 h / 7 d as a segmented control: a labelled radio group, so arrows move and a screen reader hears the choice. */
export function RangeSelector({ value, onChange }: { value: MetricRangeId; onChange(range: MetricRangeId): void }) {
  return (
    <div role="radiogroup" aria-label="Chart range" className="segmented">
      {METRIC_RANGES.map((range) => (
        <label key={range.id} className={range.id === value ? 'checked' : ''} title={range.name}>
          <input type="radio" name="metric-range" value={range.id} checked={range.id === value} onChange={() => onChange(range.id)} />
          {range.label}
        </label>
      ))}
    </div>
  );
}
