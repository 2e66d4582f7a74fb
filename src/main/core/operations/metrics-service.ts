import type { AgentLogMetrics, MetricSeries } from '../../../shared/domain';
import type { AgentToConsoleFrame, FrameOf } from '../../../shared/protocol';
import { CommitBatcher } from '../lib/commit-batcher';
import type { Logger } from '../logger';
import type { Database } from '../store/database';
import type { LogMetricsRepository } from '../store/log-metrics-repository';
import type { MetricRepository, MetricSample } from '../store/metric-repository';
import { computeLogMetrics, replyRateSeries } from './log-metrics';

/**
 * `metric` frames are stored in batches (one transaction per 250 ms or 500 samples, not one fsync per sample), then
 * announced once per agent per batch. Log metrics are computed on request from the agent's conversation.
 */
export class MetricsService {
  private readonly batcher: CommitBatcher<MetricSample>;

  constructor(
    private readonly deps: {
      db: Database;
      samples: MetricRepository;
      log: LogMetricsRepository;
      now: () => number;
      logger: Logger;
      changed: (agentId: string) => void;
    },
  ) {
    this.batcher = new CommitBatcher<MetricSample>({
      maxBatch: 500,
      maxDelayMs: 250,
      commit: (batch) => deps.db.transaction(() => batch.forEach((s) => deps.samples.insert(s)))(),
      afterCommit: (batch) => new Set(batch.map((s) => s.agentId)).forEach((agentId) => deps.changed(agentId)),
      // Metrics are measurements, not promises: a failed batch is logged and dropped.
      onCommitFailed: (batch, error) => deps.logger.error(`could not store ${batch.length} metric samples`, error),
    });
  }

  onFrame(agentId: string, frame: FrameOf<AgentToConsoleFrame, 'metric'>): void {
    this.batcher.add({ agentId, name: frame.name, value: frame.value, unit: frame.unit ?? null, at: this.deps.now() });
  }

  get(agentId: string, windowS: number): { log: AgentLogMetrics; series: MetricSeries[] } {
    this.batcher.flush();
    const now = this.deps.now();
    const since = now - windowS * 1000;
    const outcomes = this.deps.log.outcomes(agentId, since);
    // The reply rate, from the log, charts first; then the agent's own metric frames.
    const replies = replyRateSeries(outcomes, since, now);
    const samples = this.deps.samples.series(agentId, since, now);
    return { log: computeLogMetrics(agentId, outcomes), series: replies ? [replies, ...samples] : samples };
  }

  close(): void {
    this.batcher.flush();
  }
}
