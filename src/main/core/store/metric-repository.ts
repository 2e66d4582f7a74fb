import type { MetricSeries } from '../../../shared/domain';
import type { Database } from './database';

export interface MetricSample {
  agentId: string;
  name: string;
  value: number;
  unit: string | null;
  at: number;
}

/** A chart is a few hundred pixels wide: more points than this per series are averaged into time buckets. */
export const MAX_POINTS_PER_SERIES = 300;

/** `metric` frames over time. */
export class MetricRepository {
  private readonly insertStmt;
  private readonly seriesStmt;
  private readonly bucketedStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare('INSERT INTO metric_samples (agent_id, name, value, unit, at) VALUES (@agentId, @name, @value, @unit, @at)');
    this.seriesStmt = db.prepare<[string, number], { name: string; value: number; unit: string | null; at: number }>(
      'SELECT name, value, unit, at FROM metric_samples WHERE agent_id = ? AND at >= ? ORDER BY at',
    );
    // One row per (series, bucket): the mean value at the bucket's last sample time, so the newest point stays current.
    this.bucketedStmt = db.prepare<[string, number, number], { name: string; value: number; unit: string | null; at: number }>(
      `SELECT name, avg(value) AS value, max(unit) AS unit, max(at) AS at
         FROM metric_samples WHERE agent_id = ? AND at >= ?
        GROUP BY name, at / CAST(? AS INTEGER) ORDER BY at`,
    );
  }

  /** Call inside a transaction when inserting many. */
  insert(sample: MetricSample): void {
    this.insertStmt.run(sample);
  }

  /**
   * Every series of the agent since `since`. With `until` given, a window longer than MAX_POINTS_PER_SERIES samples'
   * worth is downsampled to buckets of (until - since) / MAX_POINTS_PER_SERIES, so 7 days stay a few hundred points.
   */
  series(agentId: string, since: number, until?: number): MetricSeries[] {
    const bucketMs = until === undefined ? 0 : Math.floor((until - since) / MAX_POINTS_PER_SERIES);
    const rows = bucketMs >= 1000 ? this.bucketedStmt.all(agentId, since, bucketMs) : this.seriesStmt.all(agentId, since);
    const byName = new Map<string, MetricSeries>();
    for (const row of rows) {
      let series = byName.get(row.name);
      if (!series) byName.set(row.name, (series = { name: row.name, unit: row.unit, points: [] }));
      series.points.push({ at: row.at, value: row.value });
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
