import type { LinkKind } from '../../../shared/domain';
import { openSecret, plainTextSecretBox, type SecretBox, sealedState, sealSecret } from '../secrets/secret-box';
import type { Database } from './database';

export interface EndpointRow {
  id: string;
  url: string;
  /** The bearer token in plain text: it exists only in memory; the database holds it sealed (see secrets/). */
  token: string | null;
  createdAt: number;
  name?: string | null;
  /** null: as announced in hello. */
  kind?: LinkKind | null;
  /** The operator's labels for an A2A agent (its card has none); null: the link's default. */
  role?: string | null;
  department?: string | null;
}

interface RawEndpoint {
  id: string;
  url: string;
  token: string | null;
  created_at: number;
  name: string | null;
  kind: LinkKind | null;
  role: string | null;
  department: string | null;
}

export interface EndpointRepositoryOptions {
  secrets?: SecretBox;
  /** Told (never with the token) when a stored token cannot be opened; the endpoint is then dialed without one. */
  onUnreadableToken?: (endpoint: { id: string; url: string }, error: unknown) => void;
}

/** The agent endpoints the console dials. Tokens stay in the core; the contract only says whether one is set. */
export class EndpointRepository {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly listStmt;
  private readonly getStmt;
  private readonly byUrlStmt;
  private readonly deleteStmt;
  private readonly setTokenStmt;
  private readonly secrets: SecretBox;
  private readonly onUnreadableToken: NonNullable<EndpointRepositoryOptions['onUnreadableToken']>;

  constructor(db: Database, options: EndpointRepositoryOptions = {}) {
    this.secrets = options.secrets ?? plainTextSecretBox();
    this.onUnreadableToken = options.onUnreadableToken ?? (() => {});
    this.insertStmt = db.prepare<[string, string, string | null, number, string | null, LinkKind | null, string | null, string | null]>(
      'INSERT INTO endpoints (id, url, token, created_at, name, kind, role, department) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateStmt = db.prepare<[string, string | null, string | null, LinkKind | null, string | null, string | null, string]>(
      'UPDATE endpoints SET url = ?, token = ?, name = ?, kind = ?, role = ?, department = ? WHERE id = ?',
    );
    this.listStmt = db.prepare<[], RawEndpoint>('SELECT * FROM endpoints ORDER BY created_at, id');
    this.getStmt = db.prepare<[string], RawEndpoint>('SELECT * FROM endpoints WHERE id = ?');
    this.byUrlStmt = db.prepare<[string], RawEndpoint>('SELECT * FROM endpoints WHERE url = ?');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM endpoints WHERE id = ?');
    this.setTokenStmt = db.prepare<[string | null, string]>('UPDATE endpoints SET token = ? WHERE id = ?');
  }

  insert(endpoint: EndpointRow): void {
    this.insertStmt.run(
      endpoint.id,
      endpoint.url,
      sealSecret(this.secrets, endpoint.token),
      endpoint.createdAt,
      endpoint.name ?? null,
      endpoint.kind ?? null,
      endpoint.role ?? null,
      endpoint.department ?? null,
    );
  }

  update(endpoint: EndpointRow): boolean {
    const sealed = sealSecret(this.secrets, endpoint.token);
    return this.updateStmt.run(endpoint.url, sealed, endpoint.name ?? null, endpoint.kind ?? null, endpoint.role ?? null, endpoint.department ?? null, endpoint.id).changes > 0;
  }

  list(): EndpointRow[] {
    return this.listStmt.all().map((row) => this.toEndpoint(row));
  }

  get(id: string): EndpointRow | undefined {
    const row = this.getStmt.get(id);
    return row && this.toEndpoint(row);
  }

  findByUrl(url: string): EndpointRow | undefined {
    const row = this.byUrlStmt.get(url);
    return row && this.toEndpoint(row);
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  /**
   * Encrypts tokens stored in plain text (written while no keychain was available, or by a version before
   * encryption). Returns how many were sealed. Does nothing when this box cannot encrypt.
   */
  sealPlainTokens(): number {
    if (!this.secrets.isEncryptionAvailable) return 0;
    let sealed = 0;
    for (const row of this.listStmt.all()) {
      if (sealedState(row.token) !== 'plain') continue;
      this.setTokenStmt.run(sealSecret(this.secrets, openSecret(this.secrets, row.token)), row.id);
      sealed += 1;
    }
    return sealed;
  }

  private toEndpoint(row: RawEndpoint): EndpointRow {
    let token: string | null = null;
    try {
      token = openSecret(this.secrets, row.token);
    } catch (error) {
      this.onUnreadableToken({ id: row.id, url: row.url }, error);
    }
    return { id: row.id, url: row.url, token, createdAt: row.created_at, name: row.name, kind: row.kind, role: row.role, department: row.department };
  }
}
