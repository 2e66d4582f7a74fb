import type { Endpoint, LinkKind } from '../../../shared/domain';
import type { Link, LinkEndpoint } from './link';

/** An endpoint the fleet dials, with whether it is kept in the log (runtime ones, like the demo, are not). */
export interface FleetEndpoint extends LinkEndpoint {
  persisted: boolean;
  createdAt: number;
  name?: string | null;
  kind?: LinkKind | null;
}

/**
 * The links the fleet holds, by endpoint, and which link currently carries each agent. An agent that moves to
 * another link (say, from a direct socket to a gateway) is routed to the link that announced it last.
 */
export class LinkRegistry {
  private readonly links = new Map<string, { link: Link; endpoint: FleetEndpoint }>();
  private readonly routes = new Map<string, Link>();

  add(endpoint: FleetEndpoint, link: Link): void {
    this.links.set(endpoint.id, { link, endpoint });
  }

  /** Forgets an endpoint's link and returns it (still open: the caller closes it). */
  remove(endpointId: string): Link | undefined {
    const entry = this.links.get(endpointId);
    this.links.delete(endpointId);
    return entry?.link;
  }

  has(endpointId: string): boolean {
    return this.links.has(endpointId);
  }

  get(endpointId: string): { link: Link; endpoint: FleetEndpoint } | undefined {
    return this.links.get(endpointId);
  }

  /** The registered entry of a link; undefined once its endpoint was removed or replaced. */
  entryOf(link: Link): { link: Link; endpoint: FleetEndpoint } | undefined {
    const entry = this.links.get(link.endpoint.id);
    return entry?.link === link ? entry : undefined;
  }

  all(): IterableIterator<{ link: Link; endpoint: FleetEndpoint }> {
    return this.links.values();
  }

  route(agentId: string, link: Link): void {
    this.routes.set(agentId, link);
  }

  /** The link that last announced this agent, even if it is down or was removed since. */
  routeOf(agentId: string): Link | undefined {
    return this.routes.get(agentId);
  }

  /** routeOf, but only while that link is still registered. */
  liveRouteOf(agentId: string): Link | undefined {
    const link = this.routes.get(agentId);
    return link && this.entryOf(link) ? link : undefined;
  }

  /** The link that should carry this agent: its route, or the link of the endpoint the log says it belongs to. */
  linkFor(agentId: string, endpointId: string | null | undefined): Link | undefined {
    return this.routes.get(agentId) ?? (endpointId ? this.links.get(endpointId)?.link : undefined);
  }

  /** Closes every link, and forgets them. */
  closeAll(): void {
    for (const { link } of this.links.values()) link.close();
    this.links.clear();
  }
}

/** The projection of an endpoint and its link for the windows. */
export function toEndpoint(link: Link, endpoint: FleetEndpoint): Endpoint {
  return {
    id: endpoint.id,
    url: endpoint.url,
    hasToken: endpoint.token !== null,
    linkState: link.state,
    lastError: link.lastError,
    createdAt: endpoint.createdAt,
    name: endpoint.name ?? null,
    kind: endpoint.kind ?? null,
    role: endpoint.role ?? null,
    department: endpoint.department ?? null,
    persisted: endpoint.persisted,
    health: link.health(),
  };
}
