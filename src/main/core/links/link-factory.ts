import { CoreError } from '../core-error';
import type { Link, LinkContext, LinkFactory } from './link';
import { V1Link } from './v1/v1-link';

/**
 * Link kinds by URL scheme: the only place that knows which implementations exist. A new kind adds its folder
 * under links/ and one entry here; the fleet, the log and the UI need nothing else.
 */
const FACTORIES: Record<string, LinkFactory> = {
  'ws:': (context) => new V1Link(context),
  'wss:': (context) => new V1Link(context),
};

/** Whether some link kind can dial this URL. */
export function isDialable(url: string): boolean {
  return schemeOf(url) in FACTORIES;
}

/** Builds the link for an endpoint, chosen by its URL's scheme. Throws INVALID_REQUEST for a scheme no kind speaks. */
export function createLink(context: LinkContext): Link {
  const factory = FACTORIES[schemeOf(context.endpoint.url)];
  if (!factory) throw new CoreError('INVALID_REQUEST', `No link kind dials ${context.endpoint.url}: use ${Object.keys(FACTORIES).join(' ')}.`);
  return factory(context);
}

function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:)/i.exec(url);
  return match ? match[1]!.toLowerCase() : '';
}
