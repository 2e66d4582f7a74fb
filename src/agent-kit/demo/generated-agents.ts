/**
 * Made-up agents for load: `npm run fleet -- --agents 1000` fills gateways with these next to the company's
 * twins. Each is a small persona, derived from the seed and its index, so a given fleet is the same every run.
 */
import type { Persona } from './personas';
import { seededRandom } from './seeded-random';

const TEAMS = [
  { department: 'Support', role: 'Support Agent', topic: 'tickets', metric: 'open_tickets' },
  { department: 'Operations', role: 'Ops Agent', topic: 'jobs', metric: 'jobs_queued' },
  { department: 'Marketing', role: 'Campaign Agent', topic: 'campaign', metric: 'clicks' },
  { department: 'Sales', role: 'SDR Agent', topic: 'leads', metric: 'leads_worked' },
  { department: 'Finance', role: 'Billing Agent', topic: 'invoices', metric: 'invoices_sent' },
  { department: 'Engineering', role: 'Build Agent', topic: 'builds', metric: 'builds_green' },
] as const;

export function generatedPersonas(count: number, seed: number): Persona[] {
  const personas: Persona[] = [];
  for (let i = 0; i < count; i++) {
    const team = TEAMS[i % TEAMS.length]!;
    const random = seededRandom(seed * 100_003 + i);
    const number = String(i + 1).padStart(4, '0');
    const amount = 10 + random.int(90);
    personas.push({
      card: {
        id: `agent-${number}`,
        name: `${team.role} ${number}`,
        role: team.role,
        department: team.department,
        capabilities: [team.topic],
        intents: ['chat', 'health_check', 'capability_query'],
      },
      link: 'gateway',
      knowledge: [{ keywords: [team.topic, 'status'], fact: `I have ${amount} ${team.topic} in hand and none overdue.` }],
      roadmap: [`Clear the ${team.topic} backlog`],
      fallbacks: [`Noted; I am on ${team.topic} duty.`],
      routine: [
        ['busy', `Working on ${team.topic}`],
        ['idle', 'Waiting for work'],
        ['monitoring', `Watching ${team.topic}`],
      ],
      metrics: [{ name: team.metric, base: amount, spread: 5 }],
      insights: [`${team.topic} volume is steady.`],
    });
  }
  return personas;
}
