import type { MetricSeries } from '../../../shared/domain';
import type { Database } from './database';

export interface MetricSample {
  agentId: string;
  name: string;
  value: number;
  unit: string | null;
  at: number;
}

/** `metric` frames over time. */
export class MetricRepository {
  private readonly insertStmt;
  private readonly seriesStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare('INSERT INTO metric_samples (agent_id, name, value, unit, at) VALUES (@agentId, @name, @value, @unit, @at)');
    this.seriesStmt = db.prepare<[string, number], { name: string; value: number; unit: string | null; at: number }>(
      'SELECT name, value, unit, at FROM metric_samples WHERE agent_id = ? AND at >= ? ORDER BY at',
    );
  }

  /** Call inside a transaction when inserting many. */
  insert(sample: MetricSample): void {
    this.insertStmt.run(sample);
  }

  series(agentId: string, since: number): MetricSeries[] {
    const byName = new Map<string, MetricSeries>();
    for (const row of this.seriesStmt.all(agentId, since)) {
      let series = byName.get(row.name);
      if (!series) byName.set(row.name, (series = { name: row.name, unit: row.unit, points: [] }));
      series.points.push({ at: row.at, value: row.value });
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
