import type { LinkKind } from '../../../shared/domain';
import type { Database } from './database';

export interface EndpointRow {
  id: string;
  url: string;
  token: string | null;
  createdAt: number;
  name?: string | null;
  /** null: as announced in hello. */
  kind?: LinkKind | null;
}

interface RawEndpoint {
  id: string;
  url: string;
  token: string | null;
  created_at: number;
  name: string | null;
  kind: LinkKind | null;
}

const toEndpoint = (row: RawEndpoint): EndpointRow => ({
  id: row.id,
  url: row.url,
  token: row.token,
  createdAt: row.created_at,
  name: row.name,
  kind: row.kind,
});

/** The agent endpoints the console dials. Tokens stay in the core; the contract only says whether one is set. */
export class EndpointRepository {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly listStmt;
  private readonly getStmt;
  private readonly byUrlStmt;
  private readonly deleteStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[string, string, string | null, number, string | null, LinkKind | null]>(
      'INSERT INTO endpoints (id, url, token, created_at, name, kind) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateStmt = db.prepare<[string, string | null, string | null, LinkKind | null, string]>(
      'UPDATE endpoints SET url = ?, token = ?, name = ?, kind = ? WHERE id = ?',
    );
    this.listStmt = db.prepare<[], RawEndpoint>('SELECT * FROM endpoints ORDER BY created_at, id');
    this.getStmt = db.prepare<[string], RawEndpoint>('SELECT * FROM endpoints WHERE id = ?');
    this.byUrlStmt = db.prepare<[string], RawEndpoint>('SELECT * FROM endpoints WHERE url = ?');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM endpoints WHERE id = ?');
  }

  insert(endpoint: EndpointRow): void {
    this.insertStmt.run(
      endpoint.id,
      endpoint.url,
      endpoint.token,
      endpoint.createdAt,
      endpoint.name ?? null,
      endpoint.kind ?? null,
    );
  }

  update(endpoint: EndpointRow): boolean {
    return (
      this.updateStmt.run(endpoint.url, endpoint.token, endpoint.name ?? null, endpoint.kind ?? null, endpoint.id)
        .changes > 0
    );
  }

  list(): EndpointRow[] {
    return this.listStmt.all().map(toEndpoint);
  }

  get(id: string): EndpointRow | undefined {
    const row = this.getStmt.get(id);
    return row && toEndpoint(row);
  }

  findByUrl(url: string): EndpointRow | undefined {
    const row = this.byUrlStmt.get(url);
    return row && toEndpoint(row);
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
