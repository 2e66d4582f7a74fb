import { Sparkline } from './Sparkline';
import { useMetrics } from './use-metrics';
import './metrics.css';

const ms = (v: number | null) => (v === null ? '—' : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`);

/** How the agent is doing: computed from the log (last 24 h), and its own `metric` frames as small charts. */
export function MetricsPanel({ agentId }: { agentId: string }) {
  const metrics = useMetrics(agentId);
  if (!metrics) return null;
  const { log, series } = metrics;
  return (
    <section className="metrics-panel" aria-label="Metrics">
      <dl className="metrics-figures">
        <div>
          <dt>Tasks completed</dt>
          <dd data-metric="tasks">{log.tasksCompleted}</dd>
        </div>
        <div>
          <dt>Response p50</dt>
          <dd data-metric="p50">{ms(log.responseP50Ms)}</dd>
        </div>
        <div>
          <dt>Response p95</dt>
          <dd data-metric="p95">{ms(log.responseP95Ms)}</dd>
        </div>
        <div>
          <dt>Success rate</dt>
          <dd data-metric="success">{log.successRate === null ? '—' : `${Math.round(log.successRate * 100)}%`}</dd>
        </div>
        <div>
          <dt>Requests (24 h)</dt>
          <dd>
            {log.replied}/{log.requests} answered
          </dd>
        </div>
      </dl>
      {series.length > 0 ? (
        <div className="metrics-charts">
          {series.map((s) => (
            <figure key={s.name}>
              <figcaption>
                {s.name.replace(/_/g, ' ')} <strong>{s.points.at(-1)?.value.toLocaleString()}</strong> {s.unit ?? ''}
              </figcaption>
              <Sparkline series={s} />
            </figure>
          ))}
        </div>
      ) : (
        <p className="muted metrics-none">No metric frames from this agent in the last 24 h.</p>
      )}
    </section>
  );
}
