/**
 * The embedded demo: the digital twins of a small company (Northwind Labs) on real loopback WebSocket servers,
 * built with the agent kit. The CEO, CMO, CTO and CFO twins have direct links; the CSO twin and the marketing and
 * sales agents share one gateway; generated agents (for load) fill more gateways.
 *
 * Activity:
 *  - quiet:  agents only answer. Tests use this, so no unsolicited frame lands in a conversation they assert on.
 *  - story:  a fixed script (statuses, a drop in engagement, a decision to approve, an alert, insights), then still.
 *  - lively: the story, then seeded random statuses, metrics, alerts, decisions and insights. `npm start`'s default.
 * Everything is deterministic from the seed, except message ids, which must be unique across runs (the console
 * dedupes by id and would drop a second run's messages as duplicates).
 */
import { directConversationId, OPERATOR_ID } from '../../shared/domain';
import { type AgentHandle } from '../agent-definition';
import { AgentServer } from '../agent-server';
import { type OpenAiChatConfig, openAiConfigFromEnv } from '../openai-chat';
import { type Beat, randomBeats, storyBeats } from './activity-plan';
import { serveForecastTwin } from './forecast-a2a-twin';
import { generatedPersonas } from './generated-agents';
import { type Persona, PERSONAS } from './personas';
import { Scheduler } from './scheduler';
import { twinAgent } from './twin-agent';

export type DemoActivity = 'quiet' | 'story' | 'lively';
export const DEMO_ACTIVITIES: readonly DemoActivity[] = ['quiet', 'story', 'lively'];

export interface DemoFleetOptions {
  /** Default: TWIN_CONSOLE_DEMO from the environment, else 'lively'. */
  activity?: DemoActivity;
  /** Default: TWIN_CONSOLE_DEMO_SEED, else 7. */
  seed?: number;
  /** Total agents. Beyond the company's nine, generated agents are added behind gateways. */
  agents?: number;
  /** Most agents one generated gateway carries. */
  gatewaySize?: number;
  /** Time between story steps and random beats. */
  tickMs?: number;
  /** Pause between streamed reply pieces. */
  streamDelayMs?: number;
  /** OpenAI-compatible endpoint for chat. Default: from TWIN_CONSOLE_OPENAI_* (off when unset); null turns it off. */
  model?: OpenAiChatConfig | null;
  host?: string;
  /** Passed to each server; 0 turns heartbeats off. */
  heartbeatMs?: number;
  /** Also serve the Forecasting agent over A2A (default true). */
  a2a?: boolean;
}

export interface DemoFleet {
  /** WebSocket URLs the console should dial. */
  urls: string[];
  /** A2A agents' URLs (http), also for the console to dial: the Forecasting agent. */
  a2aUrls: string[];
  close(): Promise<void>;
  readonly activity: DemoActivity;
  readonly seed: number;
  /** Ids of every agent in the fleet. */
  readonly agentIds: string[];
  /** One agent's handle, to make it speak (tests, scripts). */
  agent(id: string): AgentHandle;
}

export function demoDefaultsFromEnv(env: NodeJS.ProcessEnv = process.env): { activity: DemoActivity; seed: number } {
  const activity = DEMO_ACTIVITIES.find((a) => a === env.TWIN_CONSOLE_DEMO) ?? 'lively';
  const seed = Number.parseInt(env.TWIN_CONSOLE_DEMO_SEED ?? '', 10);
  return { activity, seed: Number.isFinite(seed) ? seed : 7 };
}

export async function startDemoFleet(options: DemoFleetOptions = {}): Promise<DemoFleet> {
  const defaults = demoDefaultsFromEnv();
  const activity = options.activity ?? defaults.activity;
  const seed = options.seed ?? defaults.seed;
  // 2 s a step: the story's last beat (the SEO alert) lands 16 s after the console connects, inside the 20 s in which
  // a newcomer must be able to see the whole story from home.
  const tickMs = options.tickMs ?? 2000;
  const scheduler = new Scheduler();
  const twinOptions = {
    seed,
    scheduler,
    streamDelayMs: options.streamDelayMs ?? (activity === 'quiet' ? 5 : 60),
    model: options.model === undefined ? openAiConfigFromEnv() : options.model,
  };
  const generated = generatedPersonas(Math.max(0, (options.agents ?? PERSONAS.length) - PERSONAS.length), seed);
  const personas = [...PERSONAS, ...generated];

  const serverOptions = {
    host: options.host ?? '127.0.0.1',
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
  };
  const groups: { personas: Persona[]; gateway: boolean }[] = [
    ...PERSONAS.filter((p) => p.link === 'direct').map((p) => ({ personas: [p], gateway: false })),
    { personas: PERSONAS.filter((p) => p.link === 'gateway'), gateway: true },
  ];
  const gatewaySize = Math.max(1, options.gatewaySize ?? 250);
  for (let i = 0; i < generated.length; i += gatewaySize) groups.push({ personas: generated.slice(i, i + gatewaySize), gateway: true });

  const servers = await Promise.all(
    groups.map((group) =>
      AgentServer.start({ ...serverOptions, gateway: group.gateway, agents: group.personas.map((p) => twinAgent(p, twinOptions)) }),
    ),
  );
  const a2aTwins = options.a2a === false ? [] : [await serveForecastTwin({ host: serverOptions.host, chunkDelayMs: activity === 'quiet' ? 5 : 40 })];
  const handles = new Map<string, AgentHandle>();
  for (const server of servers) for (const id of server.agentIds()) handles.set(id, server.agent(id));

  if (activity !== 'quiet') {
    const player = beatPlayer(handles);
    // The company's morning starts when a console first connects, so whoever opens the app sees it from the start.
    let started = false;
    const unsubscribe = servers.map((server) =>
      server.onWelcome(() => {
        if (started) return;
        started = true;
        for (const off of unsubscribe) off();
        const story = storyBeats(personas);
        story.forEach((step, i) => scheduler.after(i * tickMs, () => step.forEach(player)));
        if (activity === 'lively') {
          const next = randomBeats(seed, personas);
          const perTick = 1 + Math.floor(personas.length / 100);
          scheduler.after(story.length * tickMs, () =>
            scheduler.every(tickMs, () => {
              for (let i = 0; i < perTick; i++) player(next());
            }),
          );
        }
      }),
    );
  }

  return {
    urls: servers.map((s) => s.url),
    a2aUrls: a2aTwins.map((s) => s.url),
    activity,
    seed,
    agentIds: [...handles.keys()],
    agent: (id) => {
      const handle = handles.get(id);
      if (!handle) throw new Error(`no demo agent ${id}`);
      return handle;
    },
    close: async () => {
      scheduler.close();
      await Promise.all([...servers.map((s) => s.close()), ...a2aTwins.map((s) => s.close())]);
    },
  };
}

/** Plays beats through the agents' handles. Alert keys map to the ids the kit made up, so a resolve finds its alert. */
function beatPlayer(handles: Map<string, AgentHandle>): (beat: Beat) => void {
  const alertIds = new Map<string, string>();
  const occurrences = new Map<string, number>();
  return (beat) => {
    const agent = handles.get(beat.agent);
    if (!agent) return;
    switch (beat.kind) {
      case 'status':
        agent.status(beat.state, beat.detail);
        return;
      case 'metric':
        agent.metric(beat.name, beat.value, beat.unit);
        return;
      case 'alert': {
        // The same key raised again updates one alert rather than orphaning it. Its first raise has a stable id, so a
        // restarted fleet's story re-raises an alert the console already knows (and may have resolved), not a new one.
        const raised = occurrences.get(beat.key) ?? 0;
        occurrences.set(beat.key, raised + 1);
        const id = alertIds.get(beat.key) ?? (raised === 0 ? `demo-alert-${beat.key}` : undefined);
        alertIds.set(beat.key, agent.alert({ id, severity: beat.severity, title: beat.title, body: beat.body, dedupe_key: beat.key }));
        return;
      }
        return;
      case 'resolve': {
        const id = alertIds.get(beat.key);
        if (id) agent.resolveAlert(id);
        alertIds.delete(beat.key);
        return;
      }
      case 'decision':
        // A stable id per decision: after a restart the console knows it (pending or settled) and keeps one entry.
        agent.propose({
          id: demoDecisionId(beat.key),
          summary: beat.summary,
          reasoning: beat.reasoning,
          confidence: beat.confidence,
          context: beat.context,
          ...(beat.risk ? { risk: beat.risk } : {}),
          ...(beat.expiresInS ? { expires_at: new Date(Date.now() + beat.expiresInS * 1000).toISOString() } : {}),
        });
        return;
      case 'insight':
        agent.send({ conversation_id: directConversationId(agent.id), to: OPERATOR_ID, intent: 'share_insights', text: beat.text });
        return;
    }
  };
}

/** The id the demo gives a decision: the same in every run, so a restart never proposes a settled one anew. */
export const demoDecisionId = (key: string): string => `demo-decision-${key}`;

export { PERSONAS as DEMO_PERSONAS } from './personas';
