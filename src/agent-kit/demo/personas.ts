/**
 * The demo company, Northwind Labs: who its twins are and what each one knows. Replies, statuses, alerts and
 * decisions are all built from this data, so a persona is the whole of an agent's "mind" in the demo.
 */
import type { z } from 'zod';
import { CLOUD, SALES, WEBINAR } from './story-figures';
import type { AgentCard, WorkState } from '../../shared/protocol';

export interface Persona {
  card: z.input<typeof AgentCard> & { id: string; name: string };
  /** Direct agents get their own socket; the others share the company gateway. */
  link: 'direct' | 'gateway';
  /** What the twin knows. The first entry with a keyword found in a question answers it. */
  knowledge: { keywords: string[]; fact: string }[];
  roadmap: string[];
  /** Said when nothing in `knowledge` matches; picked by a hash of the question, so always the same one. */
  fallbacks: string[];
  /** Work states it moves between while lively, with a detail line each. */
  routine: [WorkState, string][];
  metrics: { name: string; unit?: string; base: number; spread: number }[];
  insights: string[];
}

export const COMPANY = 'Northwind Labs';

export const PERSONAS: Persona[] = [
  {
    card: {
      id: 'ceo-twin',
      name: 'CEO Twin',
      role: 'Chief Executive Officer',
      department: 'Executive',
      capabilities: ['strategy', 'OKRs', 'board reporting'],
      intents: ['chat', 'get_roadmap', 'share_insights', 'request_review', 'provide_feedback', 'capability_query'],
      description: 'Digital twin of the CEO: strategy, company OKRs and the board.',
    },
    link: 'direct',
    knowledge: [
      { keywords: ['okr', 'goal', 'objective'], fact: 'Company OKRs for Q4: reach $7M ARR (at $6.2M now), cut churn under 2%, ship the twin marketplace.' },
      { keywords: ['board'], fact: 'The board meets on December 12th; the deck needs the Q4 forecast and the hiring plan by the 5th.' },
      { keywords: ['strategy', 'priority', 'priorities'], fact: 'Our priority is depth over breadth: win mid-market operations teams before going enterprise.' },
      { keywords: ['hiring', 'headcount'], fact: 'We plan 14 hires in H1: 6 engineers, 4 sales, 2 marketing, 2 customer success.' },
    ],
    roadmap: ['Board meeting (Dec 12)', 'Annual planning offsite (Jan 8)', 'Series B kickoff (Feb)'],
    fallbacks: [
      'Let us take that to the Monday staff meeting; I want the CSO and CFO twins in the room.',
      'Good point. What would it take to decide this week rather than next quarter?',
    ],
    routine: [
      ['monitoring', 'Watching company OKR progress'],
      ['busy', 'Preparing the board deck'],
      ['idle', 'Between meetings'],
    ],
    metrics: [{ name: 'arr', unit: 'USD M', base: 6.2, spread: 0.05 }],
    insights: ['ARR grew 4.1% this month, our best month since March.'],
  },
  {
    card: {
      id: 'cmo-twin',
      name: 'CMO Twin',
      role: 'Chief Marketing Officer',
      department: 'Marketing',
      capabilities: ['campaign planning', 'brand', 'budget allocation'],
      intents: ['chat', 'get_roadmap', 'share_insights', 'request_review', 'capability_query'],
      description: 'Digital twin of the CMO: campaigns, brand and marketing budget.',
    },
    link: 'direct',
    knowledge: [
      { keywords: ['campaign'], fact: 'The Q4 "Ship Faster" campaign is live in 3 regions; CTR is 2.8% against a 2.1% benchmark.' },
      { keywords: ['budget', 'spend'], fact: 'Marketing budget is 62% spent with 5 weeks left; I would move 10% from display to webinars.' },
      { keywords: ['brand', 'sentiment'], fact: 'Brand search volume is up 14% month over month; sentiment holds at 71% positive.' },
      { keywords: ['webinar', 'engagement'], fact: 'Webinars convert best: 18% of last week\'s live viewers booked a demo. Today\'s webinar peaked at 1,240 viewers.' },
    ],
    roadmap: ['Product launch webinar (week 48)', 'Partner co-marketing (week 50)', 'Year-end recap (week 52)'],
    fallbacks: [
      "Noted. I will fold that into this week's marketing sync and report back.",
      'From the marketing side, the signal I would watch is pipeline from webinars.',
      'Understood. Want me to draft a plan with owners and dates?',
    ],
    routine: [
      ['monitoring', 'Watching "Ship Faster" campaign engagement'],
      ['busy', 'Reallocating the display budget'],
      ['learning', 'Reading last week\'s webinar survey'],
    ],
    metrics: [
      // Around where the story's drop left the live webinar.
      { name: 'webinar_viewers', base: WEBINAR.viewersAfter, spread: 40 },
      { name: 'campaign_ctr', unit: '%', base: 2.8, spread: 0.2 },
    ],
    insights: ['Webinar attendees convert to demos at 3x the rate of display clicks.'],
  },
  {
    card: {
      id: 'cso-twin',
      name: 'CSO Twin',
      role: 'Chief Sales Officer',
      department: 'Sales',
      capabilities: ['pipeline review', 'forecasting', 'deal strategy'],
      intents: ['chat', 'get_roadmap', 'share_insights', 'assign_task', 'capability_query'],
      description: 'Digital twin of the CSO: pipeline, forecast and key deals.',
    },
    link: 'gateway',
    knowledge: [
      {
        keywords: ['pipeline', 'coverage'],
        fact: `Q4 pipeline is ${SALES.pipeline} across ${SALES.dealsNow} deals; coverage is ${SALES.coverage}x against the ${SALES.target} target, down from ${SALES.coverageBefore}x since the Contoso expansion and Fabrikam slipped to Q1.`,
      },
      { keywords: ['forecast', 'quarter'], fact: 'Commit forecast is $1.52M, best case $1.91M. Two enterprise deals decide the quarter.' },
      {
        keywords: ['deal', 'northwind', 'contract', 'contoso'],
        fact: `Top deal: the Contoso expansion, ${SALES.contoso}. It slipped to January; a multi-year price could pull it back into Q4.`,
      },
    ],
    roadmap: ['QBRs with top 10 accounts (week 47)', 'Sales kickoff (Jan 15)', 'New territory plan (Feb)'],
    fallbacks: [
      'I will check with the account teams and come back with numbers.',
      'From the sales side: the constraint is late-stage conversion, not lead volume.',
    ],
    routine: [
      ['monitoring', 'Watching pipeline coverage'],
      ['busy', 'Reviewing late-stage deals'],
      ['intervening', 'Escalating a stalled deal'],
    ],
    metrics: [{ name: 'pipeline_coverage', unit: 'x', base: SALES.coverage, spread: 0.05 }],
    insights: ['Deals with a technical champion close 2.3x faster this quarter.'],
  },
  {
    card: {
      id: 'cto-twin',
      name: 'CTO Twin',
      role: 'Chief Technology Officer',
      department: 'Engineering',
      capabilities: ['architecture', 'reliability', 'engineering roadmap'],
      intents: ['chat', 'get_roadmap', 'request_review', 'health_check', 'capability_query'],
      description: 'Digital twin of the CTO: platform, reliability and the engineering roadmap.',
    },
    link: 'direct',
    knowledge: [
      { keywords: ['uptime', 'reliability', 'incident', 'outage'], fact: 'Uptime is 99.97% over 30 days; one incident (18 min, queue backlog) on the 3rd.' },
      { keywords: ['release', 'ship', 'deploy'], fact: 'We deploy 11 times a week on average; the twin marketplace beta ships on the 28th.' },
      { keywords: ['debt', 'architecture', 'migration'], fact: 'The Postgres 16 migration is 70% done; the last two services move next sprint.' },
      { keywords: ['security', 'audit'], fact: 'SOC 2 Type II fieldwork starts in January; 4 of 52 controls still need evidence.' },
    ],
    roadmap: ['Twin marketplace beta (Nov 28)', 'Postgres 16 migration done (Dec 10)', 'SOC 2 Type II fieldwork (Jan)'],
    fallbacks: ['I will ask the platform team and get back to you.', 'That is a trade-off between speed and reliability; I lean to reliability here.'],
    routine: [
      ['monitoring', 'Watching error budgets'],
      ['busy', 'Reviewing the marketplace design'],
      ['degraded', 'Build farm at 80% capacity'],
    ],
    metrics: [
      { name: 'p95_latency', unit: 'ms', base: 182, spread: 25 },
      { name: 'error_rate', unit: '%', base: 0.12, spread: 0.05 },
    ],
    insights: ['Moving CI to ARM runners would cut build minutes by 35%.'],
  },
  {
    card: {
      id: 'cfo-twin',
      name: 'CFO Twin',
      role: 'Chief Financial Officer',
      department: 'Finance',
      capabilities: ['cash planning', 'budgets', 'unit economics'],
      intents: ['chat', 'get_roadmap', 'share_insights', 'request_review', 'capability_query'],
      description: 'Digital twin of the CFO: cash, budgets and unit economics.',
    },
    link: 'direct',
    knowledge: [
      { keywords: ['cash', 'runway', 'burn'], fact: 'Cash runway is 19 months at the current $410k monthly net burn.' },
      { keywords: ['cac', 'payback', 'ltv', 'unit'], fact: 'CAC payback is 14 months; LTV to CAC is 3.6x, up from 3.1x in Q2.' },
      { keywords: ['budget', 'spend', 'cost'], fact: `Opex is 3% under budget year to date; cloud spend is the one line over (+${CLOUD.overPct}%).` },
      { keywords: ['revenue', 'arr', 'margin'], fact: 'Gross margin is 78%; ARR is $6.2M with net revenue retention at 112%.' },
    ],
    roadmap: ['Month-end close (Dec 3)', 'FY26 budget sign-off (Dec 20)', 'Audit kickoff (Jan 20)'],
    fallbacks: ['I will run the numbers and send a one-pager.', 'Before we commit, let me model the cash impact over 18 months.'],
    routine: [
      ['monitoring', 'Watching cash and burn'],
      ['learning', 'Ingesting November actuals'],
      ['busy', 'Building the FY26 budget'],
    ],
    metrics: [{ name: 'runway', unit: 'months', base: 19, spread: 0.4 }],
    insights: ['Annual prepay deals improved cash conversion by 21% this quarter.'],
  },
  {
    card: {
      id: 'content-agent',
      name: 'Content Agent',
      role: 'Content Strategist',
      department: 'Marketing',
      capabilities: ['blog posts', 'case studies', 'newsletters'],
      intents: ['chat', 'assign_task', 'request_review', 'provide_feedback', 'capability_query'],
      description: 'Plans and drafts the content calendar: posts, case studies and the newsletter.',
    },
    link: 'gateway',
    knowledge: [
      { keywords: ['calendar', 'plan', 'schedule'], fact: 'This month: 6 posts, 2 case studies and 2 newsletters; 5 of 10 are published.' },
      { keywords: ['post', 'blog', 'article'], fact: 'Best post this month: "Twins in operations", 8.4k reads and 212 signups.' },
      { keywords: ['newsletter', 'email'], fact: 'The newsletter has 18.2k subscribers, 41% open rate and 6.3% click rate.' },
    ],
    roadmap: ['Case study: Contoso (week 48)', 'Year in review post (week 51)', 'Q1 editorial plan (Jan)'],
    fallbacks: ['I can turn that into a post. Want a draft by Thursday?', 'Adding it to the content calendar.'],
    routine: [
      ['busy', 'Drafting the Contoso case study'],
      ['idle', 'Waiting for reviews'],
      ['learning', 'Analysing top posts'],
    ],
    metrics: [{ name: 'blog_reads', base: 8400, spread: 400 }],
    insights: ['Posts with a customer quote in the first paragraph get 27% longer reads.'],
  },
  {
    card: {
      id: 'seo-agent',
      name: 'SEO Agent',
      role: 'SEO Specialist',
      department: 'Marketing',
      capabilities: ['keyword research', 'site audit', 'content briefs'],
      intents: ['chat', 'request_knowledge', 'assign_task', 'health_check', 'capability_query'],
      description: 'Keeps organic search healthy: rankings, audits and briefs.',
    },
    link: 'gateway',
    knowledge: [
      {
        keywords: ['ranking', 'rank', 'position'],
        fact: 'We rank top-3 for 41 of 120 tracked keywords, but the pricing, integrations and security pages fell out of the top 10 after the site migration.',
      },
      { keywords: ['audit', 'broken', 'speed'], fact: 'Last audit: 12 broken links, 3 pages with slow LCP (> 2.5 s); fixes are queued.' },
      { keywords: ['keyword', 'opportunit'], fact: 'Best new opportunity: "digital twin operations", 2.9k searches a month, low difficulty.' },
      { keywords: ['traffic', 'organic'], fact: 'Organic traffic is 46k sessions this month, up 9%.' },
    ],
    roadmap: ['Fix slow LCP pages (this week)', 'Brief: "digital twin operations" (week 48)', 'Schema markup rollout (Dec)'],
    fallbacks: ['I will add that to the content backlog.', 'Checking the search console data for that now.'],
    routine: [
      ['monitoring', 'Tracking 120 keywords'],
      ['busy', 'Crawling the site'],
      ['idle', 'Audit done'],
    ],
    metrics: [{ name: 'organic_sessions', base: 46000, spread: 1500 }],
    insights: ['"digital twin operations" moved from #7 to #3 this week.'],
  },
  {
    card: {
      id: 'lead-scoring-agent',
      name: 'Lead Scoring Agent',
      role: 'Lead Scoring Model',
      department: 'Sales',
      capabilities: ['lead scoring', 'routing', 'enrichment'],
      intents: ['chat', 'request_knowledge', 'share_insights', 'health_check', 'capability_query'],
      description: 'Scores and routes inbound leads so reps call the right ones first.',
    },
    link: 'gateway',
    knowledge: [
      { keywords: ['lead', 'score', 'scoring'], fact: 'Today: 64 new leads, 9 scored above 80 and routed to reps within 5 minutes.' },
      { keywords: ['model', 'accuracy', 'precision'], fact: 'The scoring model has 0.81 AUC; leads above 80 convert at 31% versus 4% below 40.' },
      { keywords: ['source', 'channel'], fact: 'Best lead source this week: webinars (34% of high scores), then organic search (22%).' },
    ],
    roadmap: ['Retrain on Q3 outcomes (week 48)', 'Add intent data enrichment (Dec)'],
    fallbacks: ['I will rescore that segment and report the change.', 'Give me a lead id and I will explain its score.'],
    routine: [
      ['busy', 'Scoring inbound leads'],
      ['learning', 'Retraining on closed-won deals'],
      ['monitoring', 'Watching lead flow'],
    ],
    metrics: [{ name: 'leads_scored_today', base: 64, spread: 6 }],
    insights: ['3 leads from Contoso\'s parent company scored above 90 this morning.'],
  },
  {
    card: {
      id: 'forecasting-agent',
      name: 'Forecasting Agent',
      role: 'Revenue Forecaster',
      department: 'Sales',
      capabilities: ['revenue forecast', 'scenario planning', 'pipeline math'],
      intents: ['chat', 'request_knowledge', 'share_insights', 'health_check', 'capability_query'],
      description: 'Forecasts bookings from the pipeline and flags coverage risks early.',
    },
    link: 'gateway',
    knowledge: [
      {
        keywords: ['forecast', 'bookings', 'quarter'],
        fact: `Forecast for Q4 bookings: $1.61M against the ${SALES.target} target (80% interval $1.38M to $1.86M).`,
      },
      {
        keywords: ['coverage', 'pipeline'],
        fact: `Coverage is ${SALES.coverage}x now (${SALES.pipeline} for ${SALES.target}), down from ${SALES.coverageBefore}x: the Contoso expansion (${SALES.contoso}) and Fabrikam (${SALES.fabrikam}) slipped to Q1.`,
      },
      {
        keywords: ['scenario', 'risk'],
        fact: 'Downside scenario: if neither slipped deal comes back into Q4, bookings land at $1.31M (75% of target).',
      },
    ],
    roadmap: ['Weekly forecast refresh (Mondays)', 'FY26 capacity model (Dec)'],
    fallbacks: ['Running a scenario on that now.', 'I will add it to Monday\'s forecast refresh.'],
    routine: [
      ['busy', 'Refreshing the forecast'],
      ['monitoring', 'Watching deal slippage'],
      ['idle', 'Forecast published'],
    ],
    metrics: [{ name: 'q4_forecast', unit: 'USD M', base: 1.61, spread: 0.06 }],
    insights: ['Win rates on deals over $100k dropped from 28% to 22% in 6 weeks.'],
  },
];

export function persona(id: string): Persona {
  const found = PERSONAS.find((p) => p.card.id === id);
  if (!found) throw new Error(`no demo persona ${id}`);
  return found;
}
