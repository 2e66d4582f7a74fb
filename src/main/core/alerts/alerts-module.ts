import type { Agent, Message } from '../../../shared/domain';
import { DEFAULT_NOTIFICATION_SETTINGS, NotificationSettings } from '../../../shared/domain';
import type { FrameOf } from '../../../shared/protocol';
import type { AgentToConsoleFrame } from '../../../shared/protocol';
import { CommitBatcher } from '../lib/commit-batcher';
import type { ContractHandlers } from '../contract-dispatch';
import type { RuleAction } from '../lib/core-events';
import { DisposableStore } from '../lib/disposables';
import type { EventBus } from '../lib/event-bus';
import { AlertRepository } from '../store/alert-repository';
import type { Database } from '../store/database';
import { DecisionRepository } from '../store/decision-repository';
import { SettingsRepository } from '../store/settings-repository';
import { type AlertIngestItem, AlertService } from './alert-service';
import { AttentionService } from './attention-service';
import {
  DEFAULT_ERROR_FRAME_RULE,
  DEFAULT_RTT_RULE,
  ErrorFrameRule,
  type ErrorFrameRuleOptions,
  RttRule,
  type RttRuleOptions,
} from './health-rules';
import { DEFAULT_OFFLINE_RULE, OfflineRule, type OfflineRuleOptions } from './offline-rule';

const SETTINGS_KEY = 'notifications';
const ALERT_SLICE_MS = 15;

export interface AlertsOptions {
  offline?: OfflineRuleOptions;
  rtt?: RttRuleOptions;
  errorFrames?: ErrorFrameRuleOptions;
  flapHoldMs?: number;
  reopenWindowMs?: number;
  minuteOfDay?: (now: number) => number;
}

export type AlertHandlers = Pick<
  ContractHandlers,
  | 'alerts:list'
  | 'alerts:get'
  | 'alerts:acknowledge'
  | 'alerts:resolve'
  | 'silences:list'
  | 'silences:add'
  | 'silences:remove'
  | 'notifications:get-settings'
  | 'notifications:update-settings'
  | 'attention:viewing'
  | 'attention:counts'
  | 'attention:open'
>;

/**
 * Alerts and attention, assembled: the lifecycle service, the console's own rules, the notification policy, and
 * the contract handlers that expose them. It hears agent alert frames, agent changes, new messages, other modules'
 * rule actions and the clock on the bus (see start()); tests may call the same entry points directly.
 */
export function createAlertsModule(deps: {
  db: Database;
  events: EventBus;
  now: () => number;
  agentName: (agentId: string) => string;
  options?: AlertsOptions;
  /** Agent alert frames are committed in batches like messages: whichever comes first (see CommitBatcher). */
  ingest?: { maxBatch: number; maxDelayMs: number; sliceMs?: number };
  onIngestFailed?: (item: AlertIngestItem, error: unknown) => void;
}) {
  const { db, events, now } = deps;
  const disposables = new DisposableStore();
  const repo = new AlertRepository(db);
  // Decisions waiting for the operator count in the badge and tray; the operations module owns them.
  const decisions = new DecisionRepository(db);
  const settingsRepo = new SettingsRepository(db);
  // Read on every incoming message by the notification policy: kept in memory, and this module is its only writer.
  let cachedSettings: NotificationSettings | null = null;
  const settings = () => (cachedSettings ??= settingsRepo.get(SETTINGS_KEY, NotificationSettings, DEFAULT_NOTIFICATION_SETTINGS));
  const attention = new AttentionService({
    now,
    settings,
    counts: () => {
      const { firing, critical } = repo.firingCounts(now());
      return { firingAlerts: firing, criticalAlerts: critical, pendingDecisions: decisions.pendingCount() };
    },
    agentName: deps.agentName,
    notify: (request) => events.emit('notification:requested', request),
    countsChanged: (counts) => events.emit('attention:changed', counts),
    minuteOfDay: deps.options?.minuteOfDay,
  });
  // While a batch of agent alerts is announced, the badge and tray counts are recomputed once, not once per alert.
  let inBatch = false;
  const service = new AlertService(
    db,
    repo,
    (alert) => {
      events.emit('alert:changed', alert);
      if (!inBatch) attention.refreshCounts();
    },
    (alert, kind) => {
      attention.onAlert(alert);
      // Not silenced: the timeline module notes it in the agent's conversation.
      events.emit('alert:raised', { alert, kind });
    },
    { now, flapHoldMs: deps.options?.flapHoldMs, reopenWindowMs: deps.options?.reopenWindowMs },
  );
  // An alert costs several statements and a timeline note: bursts are taken in slices of about ALERT_SLICE_MS, the
  // API served between them (deps.ingest, when given, sets the batching).
  const agentFrames = new CommitBatcher<AlertIngestItem>({
    maxBatch: deps.ingest?.maxBatch ?? 1000,
    maxDelayMs: deps.ingest?.maxDelayMs ?? 0,
    sliceMs: deps.ingest ? deps.ingest.sliceMs : ALERT_SLICE_MS,
    commit: (items) => {
      inBatch = true;
      try {
        // The timeline notes of the batch's new alerts go in one transaction too (they are notified as written).
        db.transaction(() => service.ingest(items, (item, error) => deps.onIngestFailed?.(item, error)))();
      } finally {
        inBatch = false;
      }
      attention.refreshCounts();
    },
    afterCommit: () => {},
    onCommitFailed: (items, error) => {
      for (const item of items) deps.onIngestFailed?.(item, error);
    },
  });
  const offline = new OfflineRule(deps.options?.offline ?? DEFAULT_OFFLINE_RULE);
  const rtt = new RttRule(deps.options?.rtt ?? DEFAULT_RTT_RULE);
  const errorFrames = new ErrorFrameRule(deps.options?.errorFrames ?? DEFAULT_ERROR_FRAME_RULE);

  const apply = (action: RuleAction | null, actor?: string) => {
    if (!action) return;
    if ('raise' in action) service.raise(action.raise);
    // The dedupe key of a rule alert is `rule:<name>:<agent>`, which names the actor of its resolve.
    else service.requestResolve(action.resolve, actor ?? action.resolve.split(':').slice(0, 2).join(':'));
  };

  const handlers: AlertHandlers = {
    'alerts:list': ({ states, agentId, severity, limit }) => service.list({ states, agentId, severity, limit }),
    'alerts:get': ({ id }) => ({ alert: service.get(id), timeline: service.timeline(id) }),
    'alerts:acknowledge': ({ id }) => service.acknowledge(id, 'operator'),
    'alerts:resolve': ({ id }) => service.resolveByOperator(id, 'operator'),
    'silences:list': () => service.silences(),
    'silences:add': (request) => service.silence({ ...request, actor: 'operator' }),
    'silences:remove': ({ id }) => {
      service.unsilence(id);
      return {};
    },
    'notifications:get-settings': () => settings(),
    'notifications:update-settings': (next) => {
      settingsRepo.put(SETTINGS_KEY, next);
      cachedSettings = null;
      return settings();
    },
    'attention:viewing': (view) => {
      attention.setView(view);
      return {};
    },
    'attention:counts': () => attention.counts(),
    'attention:open': ({ target }) => {
      events.emit('attention:open-requested', { target });
      return {};
    },
  };

  const module = {
    handlers,
    service,
    start(): void {
      disposables.add(events.on('link:inbound', ({ agentId, event }) => event.type === 'alert' && module.onAlertFrame(agentId, event)));
      disposables.add(events.on('agent:changed', (agent) => module.onAgentChanged(agent)));
      disposables.add(events.on('agents:changed', (agents) => agents.forEach((agent) => module.onAgentChanged(agent))));
      disposables.add(events.on('message:changed', (message) => module.onMessage(message)));
      disposables.add(events.on('rules:acted', ({ actions, actor }) => module.applyRuleActions(actions, actor)));
      disposables.add(events.on('attention:stale', () => attention.refreshCounts()));
      disposables.add(events.on('clock:ticked', () => module.tick()));
      // Whatever alert frames wait for their batch are committed before the log closes.
      disposables.add(() => agentFrames.flush());
    },
    close: () => disposables.dispose(),
    /** Batched: an alert frame is committed with the others of its read burst, in order. */
    onAlertFrame(agentId: string, frame: FrameOf<AgentToConsoleFrame, 'alert'>): void {
      const scope = agentKeySegment(agentId);
      const dedupeKey = `agent:${scope}:${frame.dedupe_key ?? frame.id}`;
      const actor = `agent:${agentId}`;
      if (frame.state === 'resolved') return agentFrames.add({ resolve: dedupeKey, actor });
      // An agent re-sends its firing alerts after every welcome (and a restarted agent may raise the same id again).
      // The occurrence it names was already resolved here, by the operator or the agent: do not bring it back.
      const id = `agent:${scope}:${frame.id}`;
      if (service.isResolved(id)) return;
      agentFrames.add({
        raise: {
          id,
          agentId,
          source: 'agent',
          rule: null,
          dedupeKey,
          severity: frame.severity,
          title: frame.title,
          body: frame.body ?? null,
          actor,
          ref: frame.id,
        },
      });
    },
    /** Commits agent alert frames still waiting for their batch (tests, shutdown). */
    flush(): void {
      agentFrames.flush();
    },
    onAgentChanged(agent: Agent): void {
      apply(offline.observe(agent, now()));
      apply(rtt.observe(agent));
      apply(errorFrames.observe(agent, now()));
    },
    onMessage(message: Message): void {
      if (message.direction === 'in') {
        attention.onAgentMessage(message);
        return;
      }
      // "A reply overdue": the operator asked, the agent's deadline passed without an answer.
      const marks = message.marks;
      if (!marks?.timedOutAt) return;
      const key = `rule:reply_overdue:${message.id}`;
      if (marks.repliedAt) {
        service.requestResolve(key, 'rule:reply_overdue');
        return;
      }
      const name = deps.agentName(message.agentId);
      const asked = (message.text ?? message.intent).slice(0, 80);
      service.raise({
        agentId: message.agentId,
        source: 'rule',
        rule: 'reply_overdue',
        dedupeKey: key,
        severity: 'warning',
        title: `${name} has not answered in time`,
        body: `No reply to "${asked}" by ${new Date(marks.timedOutAt).toLocaleTimeString()}.`,
        actor: 'rule:reply_overdue',
      });
    },
    /** Actions of rules that live outside this module (e.g. decision_waiting, fed by the operations module). */
    applyRuleActions(actions: RuleAction[], actor: string): void {
      for (const action of actions) apply(action, actor);
    },
    /** Everything time-driven: rules, flap holds, coalesced summaries. */
    tick(): void {
      for (const action of [...offline.evaluate(now()), ...errorFrames.evaluate(now())]) apply(action);
      service.tick();
      attention.tick();
    },
  };
  return module;
}

export type AlertsModule = ReturnType<typeof createAlertsModule>;

/**
 * An agent id as the scope of its alert ids and dedupe keys. Its `%` and `:` are escaped, so the first `:` after the
 * scope always ends it: otherwise agent `a` with key `b:x` would name agent `a:b`'s alert `x` (and could resolve
 * it). Ids with neither character, nearly all, stay as they are, and so do their alerts' keys in the log.
 */
export function agentKeySegment(agentId: string): string {
  return agentId.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
}
