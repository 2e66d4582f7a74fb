/**
 * What the demo fleet does unprompted, as data: a fixed story (for demos and screenshots) and a seeded stream of
 * random beats (for a fleet that feels alive). Plans are pure, so the same seed plans the same beats everywhere.
 */
import type { WorkState } from '../../shared/protocol';
import type { Persona } from './personas';
import { type Random, seededRandom } from './seeded-random';
import { CLOUD, SALES, WEBINAR } from './story-figures';

export type Beat =
  | { kind: 'status'; agent: string; state: WorkState; detail: string }
  | { kind: 'metric'; agent: string; name: string; value: number; unit?: string }
  | { kind: 'alert'; agent: string; key: string; severity: 'info' | 'warning' | 'critical'; title: string; body: string }
  | { kind: 'resolve'; agent: string; key: string }
  | {
      kind: 'decision';
      agent: string;
      key: string;
      summary: string;
      reasoning: string;
      confidence: number;
      context: Record<string, unknown>;
      risk?: 'high';
      /** How long the agent waits for an answer. */
      expiresInS?: number;
    }
  | { kind: 'insight'; agent: string; text: string };

type AlertBeat = Extract<Beat, { kind: 'alert' }>;
type DecisionBeat = Extract<Beat, { kind: 'decision' }>;

export const ALERTS: AlertBeat[] = [
  {
    kind: 'alert',
    agent: 'cso-twin',
    key: 'pipeline-coverage',
    severity: 'warning',
    title: 'Pipeline coverage below 2x',
    body: `Q4 coverage fell to ${SALES.coverage}x (${SALES.pipeline} pipeline for a ${SALES.target} target) after the Contoso expansion and Fabrikam slipped to Q1.`,
  },
  {
    kind: 'alert',
    agent: 'cto-twin',
    key: 'api-latency',
    severity: 'critical',
    title: 'API p95 latency above 400 ms',
    body: 'p95 latency has been above 400 ms for 5 minutes on the EU cluster; error rate is 0.9%.',
  },
  {
    kind: 'alert',
    agent: 'cfo-twin',
    key: 'cloud-spend',
    severity: 'warning',
    title: `Cloud spend ${CLOUD.overPct}% over budget`,
    body: `November cloud spend is tracking at $${CLOUD.spendUsd / 1000}k against an $${CLOUD.budgetUsd / 1000}k budget; the build farm is the main driver.`,
  },
  {
    kind: 'alert',
    agent: 'seo-agent',
    key: 'rankings-lost',
    severity: 'info',
    title: '3 pages dropped out of the top 10',
    body: 'Pricing, integrations and the security page lost rankings after the site migration.',
  },
  {
    kind: 'alert',
    agent: 'forecasting-agent',
    key: 'deals-slipped',
    severity: 'warning',
    title: 'Two enterprise deals slipped to Q1',
    body: `Contoso expansion (${SALES.contoso}) and Fabrikam (${SALES.fabrikam}) moved their close dates to January.`,
  },
];

export const DECISIONS: DecisionBeat[] = [
  {
    kind: 'decision',
    agent: 'cmo-twin',
    key: 'webinar-poll',
    summary: 'Launch a live poll to re-engage webinar viewers',
    reasoning:
      `Engagement dropped ${WEBINAR.dropPct}% in 2 minutes (${WEBINAR.viewersBefore.toLocaleString('en-US')} to ${WEBINAR.viewersAfter.toLocaleString('en-US')} live viewers) during the pricing section. In the last three webinars a poll at a drop like this recovered 9 to 12% of viewers within 3 minutes.`,
    confidence: 0.82,
    context: { metric: 'webinar_viewers', before: WEBINAR.viewersBefore, after: WEBINAR.viewersAfter, window_s: WEBINAR.windowS },
    // The webinar ends within the hour: after that a poll is pointless.
    expiresInS: 45 * 60,
  },
  {
    kind: 'decision',
    agent: 'cso-twin',
    key: 'contoso-discount',
    summary: 'Offer Contoso a 10% multi-year discount to close this quarter',
    reasoning: `Coverage is ${SALES.coverage}x, below 2x. Contoso asked for a multi-year price; 10% keeps the deal above our 70% margin floor and pulls the ${SALES.contoso} expansion back into Q4 (coverage ${SALES.coverageWithContoso}x).`,
    confidence: 0.64,
    context: { deal: 'Contoso expansion', amount_usd: SALES.contosoUsd, discount: 0.1 },
  },
  {
    kind: 'decision',
    agent: 'cfo-twin',
    key: 'budget-shift',
    summary: 'Move $42k from display ads to webinars',
    reasoning: 'Webinar leads convert at 3x display clicks, and display is 20% under its click target. The shift keeps total marketing spend flat.',
    confidence: 0.71,
    context: { from: 'display', to: 'webinars', amount_usd: 42000 },
  },
  {
    kind: 'decision',
    agent: 'cto-twin',
    key: 'rollback',
    summary: 'Roll back release 2025.11.3 on the EU cluster',
    reasoning: 'The error rate doubled within 10 minutes of the deploy and p95 latency passed 400 ms; the previous release ran clean for 6 days.',
    confidence: 0.9,
    context: { release: '2025.11.3', cluster: 'eu-1' },
    risk: 'high',
  },
];

function alert(key: string): AlertBeat {
  return ALERTS.find((a) => a.key === key)!;
}
function decision(key: string): DecisionBeat {
  return DECISIONS.find((d) => d.key === key)!;
}

/**
 * The scripted story: the company's morning in nine steps. The same every run, and every step leaves something
 * visible (a status, an alert, a decision waiting, an insight), so a screenshot at any step tells the story.
 */
export function storyBeats(personas: Persona[]): Beat[][] {
  const company = personas.filter((p) => !p.card.id.startsWith('agent-'));
  return [
    company.map((p) => ({ kind: 'status' as const, agent: p.card.id, state: p.routine[0]![0], detail: p.routine[0]![1] })),
    [{ kind: 'metric', agent: 'cmo-twin', name: 'webinar_viewers', value: WEBINAR.viewersBefore }],
    [
      { kind: 'metric', agent: 'cmo-twin', name: 'webinar_viewers', value: WEBINAR.viewersAfter },
      { kind: 'status', agent: 'cmo-twin', state: 'intervening', detail: `Engagement dropped ${WEBINAR.dropPct}% in 2 minutes` },
    ],
    [decision('webinar-poll'), { kind: 'status', agent: 'cmo-twin', state: 'waiting_approval', detail: 'Waiting for approval: live poll' }],
    [{ kind: 'metric', agent: 'forecasting-agent', name: 'pipeline_coverage', value: SALES.coverage, unit: 'x' }, alert('pipeline-coverage')],
    [{ kind: 'status', agent: 'cso-twin', state: 'intervening', detail: 'Re-planning Q4 coverage' }],
    [{ kind: 'insight', agent: 'cfo-twin', text: 'Insight: annual prepay deals improved cash conversion by 21% this quarter; runway is 19 months.' }],
    [{ kind: 'insight', agent: 'lead-scoring-agent', text: "Insight: 3 leads from Contoso's parent company scored above 90 this morning. Routed to the CSO's team." }],
    [alert('rankings-lost'), { kind: 'status', agent: 'seo-agent', state: 'busy', detail: 'Fixing lost rankings' }],
  ];
}

/** An endless, seeded stream of beats over all personas: mostly statuses and metrics, now and then more. */
export function randomBeats(seed: number, personas: Persona[]): () => Beat {
  const random: Random = seededRandom(seed);
  // The story already raised its alerts and proposed its decisions: the random stream continues that story, so its
  // first pick of a story alert resolves it, and it never proposes a story decision a second time.
  const story = storyBeats(personas).flat();
  const firing = new Set(story.flatMap((b) => (b.kind === 'alert' ? [b.key] : [])));
  const proposed = new Set(story.flatMap((b) => (b.kind === 'decision' ? [b.key] : [])));
  const byId = new Map(personas.map((p) => [p.card.id, p]));
  const company = personas.filter((p) => !p.card.id.startsWith('agent-'));
  return () => {
    const roll = random.next();
    if (roll < 0.08) {
      const candidate = random.pick(ALERTS);
      if (byId.has(candidate.agent)) {
        if (firing.delete(candidate.key)) return { kind: 'resolve', agent: candidate.agent, key: candidate.key };
        firing.add(candidate.key);
        return candidate;
      }
    } else if (roll < 0.12) {
      const candidate = random.pick(DECISIONS);
      if (byId.has(candidate.agent) && !proposed.has(candidate.key)) {
        proposed.add(candidate.key);
        return candidate;
      }
    } else if (roll < 0.16 && company.length > 0) {
      const p = random.pick(company);
      return { kind: 'insight', agent: p.card.id, text: `Insight: ${random.pick(p.insights)}` };
    }
    const p = random.pick(personas);
    if (roll < 0.6) {
      const [state, detail] = random.pick(p.routine);
      return { kind: 'status', agent: p.card.id, state, detail };
    }
    const m = random.pick(p.metrics);
    const value = Math.round((m.base + (random.next() * 2 - 1) * m.spread) * 100) / 100;
    return { kind: 'metric', agent: p.card.id, name: m.name, value, ...(m.unit ? { unit: m.unit } : {}) };
  };
}
