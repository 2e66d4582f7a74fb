/**
 * The embedded demo: a few digital twins on real loopback WebSocket servers, replying deterministically (the same
 * question always gets the same answer), so a new user can chat at once and tests can assert on replies.
 */
import type { AgentCard, MessageFrame } from '../../shared/protocol';
import { type AgentContext, type AgentDefinition, AgentServer } from '../agent-server';

interface TwinPersona {
  card: AgentCard;
  /** Keyword -> answer. The first keyword found in the question wins. */
  topics: [keyword: string, answer: string][];
  /** Answers when no topic matches, picked by a hash of the question so the choice is stable. */
  fallbacks: string[];
}

const PERSONAS: TwinPersona[] = [
  {
    card: {
      id: 'cmo-twin',
      name: 'CMO Twin',
      role: 'Chief Marketing Officer',
      department: 'Marketing',
      capabilities: ['campaign planning', 'brand', 'budget allocation'],
      intents: ['chat', 'get_roadmap', 'share_insights', 'request_review'],
      description: 'Digital twin of the CMO: campaigns, brand and marketing budget.',
    },
    topics: [
      ['campaign', 'The Q4 "Ship Faster" campaign is live in 3 regions; CTR is 2.8% against a 2.1% benchmark.'],
      ['budget', 'Marketing budget is 62% spent with 5 weeks left; I would move 10% from display to webinars.'],
      ['roadmap', 'Next up: product launch webinar (week 48), partner co-marketing (week 50), year-end recap (week 52).'],
      ['brand', 'Brand search volume is up 14% month over month; sentiment holds at 71% positive.'],
    ],
    fallbacks: [
      'Noted. I will fold that into this week\'s marketing sync and report back.',
      'Good question: from the marketing side, the signal I would watch is pipeline from webinars.',
      'Understood. Want me to draft a plan with owners and dates?',
    ],
  },
  {
    card: {
      id: 'cso-twin',
      name: 'CSO Twin',
      role: 'Chief Sales Officer',
      department: 'Sales',
      capabilities: ['pipeline review', 'forecasting', 'deal strategy'],
      intents: ['chat', 'get_roadmap', 'share_insights', 'assign_task'],
      description: 'Digital twin of the CSO: pipeline, forecast and key deals.',
    },
    topics: [
      ['pipeline', 'Q4 pipeline is $4.2M across 38 deals; coverage is 2.4x against the $1.75M target.'],
      ['forecast', 'Commit forecast is $1.52M, best case $1.91M. Two enterprise deals decide the quarter.'],
      ['deal', 'Top deal: Northwind, $380k, in legal review; expected close in 9 days.'],
    ],
    fallbacks: [
      'I will check with the account teams and come back with numbers.',
      'From the sales side: the constraint is late-stage conversion, not lead volume.',
    ],
  },
  {
    card: {
      id: 'seo-agent',
      name: 'SEO Agent',
      role: 'SEO Specialist',
      department: 'Marketing',
      capabilities: ['keyword research', 'site audit', 'content briefs'],
      intents: ['chat', 'request_knowledge', 'assign_task', 'health_check'],
      description: 'Keeps organic search healthy: rankings, audits and briefs.',
    },
    topics: [
      ['ranking', 'We rank top-3 for 41 of 120 tracked keywords, up from 35 last month.'],
      ['audit', 'Last audit: 12 broken links, 3 pages with slow LCP (> 2.5 s); fixes are queued.'],
      ['keyword', 'Best new opportunity: "digital twin operations", 2.9k searches a month, low difficulty.'],
    ],
    fallbacks: ['I will add that to the content backlog.', 'Checking the search console data for that now.'],
  },
];

/** Stable string hash (FNV-1a), so a question maps to the same fallback on every run and machine. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function answerFor(persona: TwinPersona, question: string): string {
  const lower = question.toLowerCase();
  const topic = persona.topics.find(([keyword]) => lower.includes(keyword));
  if (topic) return topic[1];
  return persona.fallbacks[hash(lower) % persona.fallbacks.length] ?? 'Noted.';
}

function twin(persona: TwinPersona): AgentDefinition {
  return {
    card: persona.card,
    onMessage: (message: MessageFrame, agent: AgentContext) => {
      agent.reply(message, answerFor(persona, message.text ?? ''));
    },
  };
}

export interface DemoFleet {
  /** WebSocket URLs the console should dial. */
  urls: string[];
  close(): Promise<void>;
}

/** Starts the CMO twin on a direct link, and the CSO twin and SEO agent behind one gateway. */
export async function startDemoFleet(): Promise<DemoFleet> {
  const [cmo, ...gatewayed] = PERSONAS.map(twin);
  const servers = await Promise.all([
    AgentServer.start({ agents: [cmo!] }),
    AgentServer.start({ agents: gatewayed }),
  ]);
  return {
    urls: servers.map((s) => s.url),
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

export const DEMO_PERSONAS = PERSONAS;
