/**
 * The agent card of an A2A endpoint: where it is, how to read it, and what the console keeps of it.
 *
 * The agent id comes from the endpoint URL, never from the card: a card's name is the agent's to change, and the
 * log, the outbox and every conversation hang on the id. The card itself is untrusted JSON, normalised by the SDK
 * (v1.0 proto JSON, or v0.3 translated by its compat layer) and then checked here before anything reads it.
 */
import { createHash } from 'node:crypto';
import { AGENT_CARD_PATH, type AgentCard as A2aCard } from '@a2a-js/sdk';
import { DefaultAgentCardResolver } from '@a2a-js/sdk/client';
import { z } from 'zod';
import type { AgentCard } from '../../../../shared/protocol';

/** The card's address: the URL itself when it names a .json file, else the well-known path under it. */
export function cardUrlOf(endpointUrl: string): URL {
  const url = new URL(endpointUrl);
  if (url.pathname.endsWith('.json')) return url;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${AGENT_CARD_PATH}`;
  return url;
}

/** A stable, readable id: the host, then a hash of the normalised URL (so two agents on one host differ). */
export function agentIdOf(endpointUrl: string): string {
  const url = new URL(endpointUrl);
  const normal = `${url.protocol}//${url.host}${url.pathname.replace(/\/\.well-known\/agent-card\.json$/, '').replace(/\/+$/, '')}`.toLowerCase();
  const hash = createHash('sha256').update(normal).digest('hex').slice(0, 10);
  const host = url.host.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').slice(0, 60);
  return `a2a-${host}-${hash}`;
}

const text = (max: number) => z.string().max(max).catch((ctx) => (typeof ctx.value === 'string' ? ctx.value.slice(0, max) : ''));

/** What the console reads of a card; everything else is ignored. Fields an agent may leave out default. */
const CardShape = z.object({
  name: z.string().min(1).max(200),
  description: text(4000).default(''),
  version: text(100).default(''),
  provider: z.object({ organization: text(200).default('') }).partial().nullish().catch(undefined),
  capabilities: z.object({ streaming: z.boolean().nullish() }).partial().nullish().catch(undefined),
  skills: z.array(z.object({ id: text(200).default(''), name: text(200).default(''), description: text(1000).default('') })).max(200).default([]),
  securitySchemes: z.record(z.string().max(200), z.unknown()).default({}),
  supportedInterfaces: z
    .array(z.object({ url: z.string().max(2000), protocolBinding: z.string().max(50), protocolVersion: z.string().max(20).default('') }).loose())
    .max(20)
    .default([]),
});

/** The console's summary of an A2A card, ready to show and to pick auth from. */
export interface A2aCardSummary {
  name: string;
  description: string;
  version: string;
  provider: string;
  skills: string[];
  streaming: boolean;
  /** How to send the credential, from the card's securitySchemes; null when it asks for none the console can send. */
  auth: { header: string; prefix: string } | null;
  /** Protocol versions the card's interfaces speak (1.0, 0.3). */
  protocolVersions: string[];
  /** Where the card says to call it: requests may go there (and only there, besides the card's own origin). */
  interfaceOrigins: string[];
  /** The normalised card, for the SDK's ClientFactory. */
  card: A2aCard;
}

const resolver = new DefaultAgentCardResolver({ legacyCompat: { enabled: true } });

/** Normalises and checks a card's JSON. Throws a readable error when it is not an agent card. */
export function readCard(json: unknown): A2aCardSummary {
  let card: A2aCard;
  try {
    card = resolver.normalizeAgentCard(json);
  } catch (error) {
    throw new Error(`bad agent card: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = CardShape.safeParse(card);
  if (!parsed.success) throw new Error(`bad agent card: ${parsed.error.issues[0]?.path.join('.') || 'card'} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  const c = parsed.data;
  if (c.supportedInterfaces.length === 0) throw new Error('bad agent card: it names no interface to call');
  return {
    name: c.name,
    description: c.description,
    version: c.version,
    provider: c.provider?.organization ?? '',
    skills: c.skills.map((s) => s.name || s.id).filter((s) => s.length > 0),
    streaming: c.capabilities?.streaming === true,
    auth: authOf(c.securitySchemes),
    protocolVersions: [...new Set(c.supportedInterfaces.map((i) => i.protocolVersion || '1.0'))],
    interfaceOrigins: [...new Set(c.supportedInterfaces.flatMap((i) => originOf(i.url)))],
    card,
  };
}

function originOf(url: string): string[] {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? [parsed.origin] : [];
  } catch {
    return [];
  }
}

/** Bearer (HTTP auth) first, then an API key in a header; OAuth, OpenID and mTLS are not sent by the console. */
function authOf(schemes: Record<string, unknown>): A2aCardSummary['auth'] {
  for (const raw of Object.values(schemes)) {
    const scheme = (raw as { scheme?: { $case?: string; value?: Record<string, unknown> } } | null)?.scheme;
    if (scheme?.$case === 'httpAuthSecurityScheme' && String(scheme.value?.scheme ?? '').toLowerCase() === 'bearer') {
      return { header: 'Authorization', prefix: 'Bearer ' };
    }
  }
  for (const raw of Object.values(schemes)) {
    const scheme = (raw as { scheme?: { $case?: string; value?: Record<string, unknown> } } | null)?.scheme;
    const name = scheme?.value?.name;
    if (scheme?.$case === 'apiKeySecurityScheme' && scheme.value?.location === 'header' && typeof name === 'string' && /^[A-Za-z0-9-]{1,100}$/.test(name)) {
      return { header: name, prefix: '' };
    }
  }
  return null;
}

/** The role and department the console's card shows for an A2A agent the operator has not labelled. */
export const DEFAULT_A2A_LABELS = { role: 'A2A agent', department: 'External' } as const;

/** The console's agent card for an A2A agent. A2A cards have no role or department: the operator may set them. */
export function toConsoleCard(agentId: string, summary: A2aCardSummary, labels: { role?: string | null; department?: string | null } = {}): AgentCard {
  const about = [summary.description, summary.version && `Version ${summary.version}`, summary.provider && `by ${summary.provider}`].filter(Boolean).join(' · ');
  return {
    id: agentId,
    name: summary.name,
    role: labels.role || DEFAULT_A2A_LABELS.role,
    department: labels.department || DEFAULT_A2A_LABELS.department,
    capabilities: summary.skills.slice(0, 200),
    intents: ['chat'],
    ...(about ? { description: about.slice(0, 4000) } : {}),
  };
}
