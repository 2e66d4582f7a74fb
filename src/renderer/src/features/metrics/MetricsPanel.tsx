import { useState } from 'react';
import { METRIC_RANGES, type MetricRangeId } from './metric-format';
import { RangeSelector } from './RangeSelector';
import { TimeChart } from './TimeChart';
import { useMetrics } from './use-metrics';
import './metrics.css';

const ms = (v: number | null) => (v === null ? '—' : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`);

/** How the agent is doing over the picked range: computed from the log, and its own `metric` frames as charts. */
export function MetricsPanel({ agentId }: { agentId: string }) {
  const [rangeId, setRangeId] = useState<MetricRangeId>('24h');
  const range = METRIC_RANGES.find((r) => r.id === rangeId)!;
  const metrics = useMetrics(agentId, range.windowS);
  return (
    <section className="metrics-panel" aria-label="Metrics">
      <div className="metrics-head">
        <h2>Metrics · {range.name.toLowerCase()}</h2>
        <RangeSelector value={rangeId} onChange={setRangeId} />
      </div>
      {!metrics ? (
        <p className="muted metrics-none" role="status">
          Loading metrics…
        </p>
      ) : (
        <>
          <dl className="metrics-figures">
            <div>
              <dt>Tasks completed</dt>
              <dd data-metric="tasks">{metrics.log.tasksCompleted}</dd>
            </div>
            <div>
              <dt>Response p50</dt>
              <dd data-metric="p50">{ms(metrics.log.responseP50Ms)}</dd>
            </div>
            <div>
              <dt>Response p95</dt>
              <dd data-metric="p95">{ms(metrics.log.responseP95Ms)}</dd>
            </div>
            <div>
              <dt>Success rate</dt>
              <dd data-metric="success">{metrics.log.successRate === null ? '—' : `${Math.round(metrics.log.successRate * 100)}%`}</dd>
            </div>
            <div>
              <dt>Requests ({range.label})</dt>
              <dd>
                {metrics.log.replied}/{metrics.log.requests} answered
              </dd>
            </div>
          </dl>
          {metrics.series.length > 0 ? (
            <div className="metrics-charts">
              {metrics.series.map((s, i) => (
                <TimeChart key={`${i}:${s.name}`} series={s} windowS={range.windowS} now={metrics.loadedAt} />
              ))}
            </div>
          ) : (
            <p className="muted metrics-none">No metric frames from this agent in the {range.name.toLowerCase()}.</p>
          )}
        </>
      )}
    </section>
  );
}
