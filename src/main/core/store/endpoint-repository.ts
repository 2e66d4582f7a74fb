import type { Database } from './database';

export interface EndpointRow {
  id: string;
  url: string;
  token: string | null;
  createdAt: number;
}

interface RawEndpoint {
  id: string;
  url: string;
  token: string | null;
  created_at: number;
}

const toEndpoint = (row: RawEndpoint): EndpointRow => ({
  id: row.id,
  url: row.url,
  token: row.token,
  createdAt: row.created_at,
});

/** The agent endpoints the console dials. Tokens stay in the core; the contract only says whether one is set. */
export class EndpointRepository {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly byUrlStmt;
  private readonly deleteStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[string, string, string | null, number]>(
      'INSERT INTO endpoints (id, url, token, created_at) VALUES (?, ?, ?, ?)',
    );
    this.listStmt = db.prepare<[], RawEndpoint>('SELECT * FROM endpoints ORDER BY created_at, id');
    this.byUrlStmt = db.prepare<[string], RawEndpoint>('SELECT * FROM endpoints WHERE url = ?');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM endpoints WHERE id = ?');
  }

  insert(endpoint: EndpointRow): void {
    this.insertStmt.run(endpoint.id, endpoint.url, endpoint.token, endpoint.createdAt);
  }

  list(): EndpointRow[] {
    return this.listStmt.all().map(toEndpoint);
  }

  findByUrl(url: string): EndpointRow | undefined {
    const row = this.byUrlStmt.get(url);
    return row && toEndpoint(row);
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
