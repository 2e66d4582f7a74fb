import type { Agent, Message } from '../../../shared/domain';
import { DEFAULT_OPERATIONS_SETTINGS, OperationsSettings } from '../../../shared/domain';
import type { UnscopedControlFrame } from '../../../shared/protocol';
import type { ContractHandlers } from '../contract-dispatch';
import { CoreError } from '../core-error';
import { DisposableStore } from '../lib/disposables';
import type { EventBus } from '../lib/event-bus';
import { newOutgoing, type OutgoingSender } from '../lib/outgoing-message';
import type { Logger } from '../logger';
import type { AgentRepository } from '../store/agent-repository';
import { BroadcastRepository } from '../store/broadcast-repository';
import type { Database } from '../store/database';
import { DecisionRepository } from '../store/decision-repository';
import { LogMetricsRepository } from '../store/log-metrics-repository';
import type { MessageRepository } from '../store/message-repository';
import { MetricRepository } from '../store/metric-repository';
import { ModeRepository } from '../store/mode-repository';
import { RoomRepository } from '../store/room-repository';
import { SettingsRepository } from '../store/settings-repository';
import { BroadcastService } from './broadcast-service';
import { DecisionService } from './decision-service';
import { DecisionWaitingRule } from './decision-waiting-rule';
import { summarizeRequest } from './intent-summary';
import { MetricsService } from './metrics-service';
import { ModeService } from './mode-service';
import { RoomService } from './room-service';

const SETTINGS_KEY = 'operations';

export type OperationsHandlers = Pick<
  ContractHandlers,
  | 'decisions:list'
  | 'decisions:decide'
  | 'decisions:track-record'
  | 'modes:list'
  | 'modes:set'
  | 'operations:get-settings'
  | 'operations:update-settings'
  | 'metrics:get'
  | 'intents:send'
  | 'broadcasts:send'
  | 'broadcasts:list'
  | 'rooms:list'
  | 'rooms:create'
  | 'rooms:post'
>;

/**
 * Twin operations, assembled: decisions (the "needs you" queue), modes, metrics, structured intents, broadcasts and
 * rooms, with the contract handlers that expose them. It hears agent frames (decision, metric, ack), agent changes,
 * messages and the clock on the bus; it reaches agents only through `outgoing` and `sendControl`.
 */
export function createOperationsModule(deps: {
  db: Database;
  events: EventBus;
  now: () => number;
  logger: Logger;
  agents: AgentRepository;
  messages: MessageRepository;
  outgoing: OutgoingSender;
  sendControl: (agentId: string, frame: UnscopedControlFrame) => boolean;
}) {
  const { db, events, now, outgoing } = deps;
  const disposables = new DisposableStore((error) => deps.logger.error('closing the operations module failed', error));
  const settingsRepo = new SettingsRepository(db);
  const settings = () => settingsRepo.get(SETTINGS_KEY, OperationsSettings, DEFAULT_OPERATIONS_SETTINGS);
  const modes = new ModeService({
    repo: new ModeRepository(db),
    now,
    sendControl: deps.sendControl,
    changed: (state) => events.emit('mode:changed', state),
  });
  const decisionRepo = new DecisionRepository(db);
  const decisions = new DecisionService({
    db,
    repo: decisionRepo,
    now,
    settings,
    modeOf: (agentId) => modes.modeOf(agentId),
    sendControl: deps.sendControl,
    changed: (decision) => {
      events.emit('decision:changed', decision);
      // Badge and tray counts include pending decisions.
      events.emit('attention:stale', {});
    },
  });
  const metrics = disposables.add(new MetricsService({
    db,
    samples: new MetricRepository(db),
    log: new LogMetricsRepository(db),
    now,
    logger: deps.logger,
    changed: (agentId) => events.emit('metrics:changed', { agentId }),
  }));
  const broadcasts = disposables.add(new BroadcastService({
    db,
    repo: new BroadcastRepository(db),
    agents: deps.agents,
    messages: deps.messages,
    outgoing,
    now,
    changed: (broadcast) => events.emit('broadcast:changed', broadcast),
  }));
  const rooms = new RoomService({
    db,
    repo: new RoomRepository(db),
    agents: deps.agents,
    messages: deps.messages,
    outgoing,
    now,
    changed: (room) => events.emit('room:changed', room),
  });
  const waitingRule = new DecisionWaitingRule();
  const linkStates = new Map<string, Agent['linkState']>();

  const handlers: OperationsHandlers = {
    'decisions:list': ({ states, agentId, limit }) => decisionRepo.list({ states, agentId, limit }),
    'decisions:decide': ({ agentId, id, outcome, comment }) => decisions.decide(agentId, id, outcome, comment),
    'decisions:track-record': ({ agentId }) => decisionRepo.trackRecord(agentId),
    'modes:list': () => modes.list(),
    'modes:set': ({ agentId, mode }) => {
      if (!deps.agents.get(agentId)) throw new CoreError('NOT_FOUND', `No agent with id ${agentId} has ever connected.`);
      return modes.set(agentId, mode);
    },
    'operations:get-settings': () => settings(),
    'operations:update-settings': (next) => {
      settingsRepo.put(SETTINGS_KEY, next);
      return settings();
    },
    'metrics:get': ({ agentId, windowS }) => metrics.get(agentId, windowS),
    'intents:send': ({ agentId, conversationId, text, request }) => {
      const agent = deps.agents.get(agentId);
      if (!agent) throw new CoreError('NOT_FOUND', `No agent with id ${agentId} has ever connected.`);
      const message = newOutgoing(
        {
          agentId,
          conversationId: conversationId ?? `direct:${agentId}`,
          conversationTitle: agent.name,
          intent: request.intent,
          text: text && text.length > 0 ? text : summarizeRequest(request),
          data: request.data,
          priority: request.intent === 'assign_task' ? request.data.priority : 'normal',
        },
        now(),
      );
      outgoing.log(message, agent.name);
      return outgoing.announceAndSend(message);
    },
    'broadcasts:send': ({ target, text, intent }) => broadcasts.send(target, text, intent),
    'broadcasts:list': ({ limit }) => broadcasts.list(limit),
    'rooms:list': () => rooms.list(),
    'rooms:create': ({ name, memberIds }) => rooms.create(name, memberIds),
    'rooms:post': ({ roomId, text }) => rooms.post(roomId, text),
  };

  const onAgentChanged = (agent: Agent): void => {
    const previous = linkStates.get(agent.id);
    linkStates.set(agent.id, agent.linkState);
    if (agent.linkState !== 'online' || previous === 'online') return;
    // The link announces "online" just before it sends `welcome`: wait for that to go out first.
    queueMicrotask(() => {
      modes.onAgentOnline(agent.id);
      decisions.onAgentOnline(agent.id);
    });
  };
  /** Expiry and the decision_waiting rule. */
  const tick = (): void => {
    decisions.expire();
    const waitingMs = settings().decisionWaitingMinutes * 60_000;
    const actions = waitingRule.evaluate(decisionRepo.pending(), now(), waitingMs, (id) => deps.agents.get(id)?.name ?? id);
    if (actions.length > 0) events.emit('rules:acted', { actions, actor: 'rule:decision_waiting' });
  };

  return {
    handlers,
    start(): void {
      disposables.add(events.on('link:inbound', ({ agentId, event }) => {
        if (event.type === 'decision') decisions.onFrame(agentId, event);
        else if (event.type === 'metric') metrics.onFrame(agentId, event);
        else if (event.type === 'ack') decisions.onAck(agentId, event.id);
        else if (event.type === 'decision_answered') decisions.answeredInConversation(agentId, event.id, event.comment);
      }));
      disposables.add(events.on('agent:changed', onAgentChanged));
      disposables.add(events.on('agents:changed', (agents) => agents.forEach(onAgentChanged)));
      disposables.add(events.on('message:changed', (message: Message) => broadcasts.onMessage(message)));
      disposables.add(events.on('clock:ticked', tick));
    },
    close: () => disposables.dispose(),
  };
}

export type OperationsModule = ReturnType<typeof createOperationsModule>;
