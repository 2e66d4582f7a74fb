import { CoreError } from '../core-error';
import { A2aLink, type A2aLinkDeps } from './a2a/a2a-link';
import type { Link, LinkContext } from './link';
import { V1Link } from './v1/v1-link';

/** What some link kinds need beyond the context: A2A keeps its open tasks and marks in the log. */
export interface LinkServices {
  a2a?: A2aLinkDeps;
}

type KindFactory = (context: LinkContext, services: LinkServices) => Link;

function a2aLink(context: LinkContext, services: LinkServices): Link {
  if (!services.a2a) throw new CoreError('INVALID_REQUEST', 'A2A links are not available in this core.');
  return new A2aLink(context, services.a2a);
}

/**
 * Link kinds by URL scheme: the only place that knows which implementations exist. A new kind adds its folder
 * under links/ and one entry here; the fleet, the log and the UI need nothing else.
 */
const FACTORIES: Record<string, KindFactory> = {
  'ws:': (context) => new V1Link(context),
  'wss:': (context) => new V1Link(context),
  'http:': a2aLink,
  'https:': a2aLink,
};

/** Whether some link kind can dial this URL. */
export function isDialable(url: string): boolean {
  return schemeOf(url) in FACTORIES;
}

/** Why a URL cannot be dialed, for the operator. */
export function describeDialable(url: string): string {
  return `No link kind of this console dials ${url}: use ${Object.keys(FACTORIES).map((s) => `${s}//`).join(', ')}.`;
}

/** Builds the link for an endpoint, chosen by its URL's scheme. Throws INVALID_REQUEST for a scheme no kind speaks. */
export function createLink(context: LinkContext, services: LinkServices = {}): Link {
  const factory = FACTORIES[schemeOf(context.endpoint.url)];
  if (!factory) throw new CoreError('INVALID_REQUEST', describeDialable(context.endpoint.url));
  return factory(context, services);
}

function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:)/i.exec(url);
  return match ? match[1]!.toLowerCase() : '';
}
