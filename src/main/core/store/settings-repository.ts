import type { z } from 'zod';
import type { Database } from './database';

/**
 * Small JSON settings by key. Reads are parsed with the caller's schema: a value written by a newer or broken build
 * falls back to the default instead of crashing the console.
 */
export class SettingsRepository {
  private readonly getStmt;
  private readonly putStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.putStmt = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    const row = this.getStmt.get(key);
    if (!row) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  put(key: string, value: unknown): void {
    this.putStmt.run(key, JSON.stringify(value));
  }
}
