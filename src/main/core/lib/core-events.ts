import type { EventChannel, EventPayloadOf } from '../../../shared/contract';
import type { Alert, AlertRule, AlertSeverity } from '../../../shared/domain';
import type { AgentToConsoleFrame, FrameOf } from '../../../shared/protocol';

/** An alert a rule or an agent asks to raise; the alerts module owns what happens to it. */
export interface RaiseAlert {
  agentId: string | null;
  source: 'agent' | 'rule';
  rule: AlertRule | null;
  dedupeKey: string;
  severity: AlertSeverity;
  title: string;
  body: string | null;
  /** Who raised it, for the timeline: 'agent:<id>' or 'rule:<name>'. */
  actor: string;
  /** The row id a new alert gets; derived from the agent's alert id, so a replay of it can be recognised. */
  id?: string;
  /** Id of the agent frame that raised it: the same frame sent again (after a reconnect) is not a repeat. */
  ref?: string;
}

/** What a rule concludes on an evaluation: raise an alert, or resolve the one with this dedupe key. */
export type RuleAction = { raise: RaiseAlert } | { resolve: string };

/**
 * Events between the core's feature modules. They replace callbacks bound late across modules: the fleet does not
 * know who handles an alert frame, operations does not know the alerts module, and composition wires no cycle.
 */
export interface InternalEvents {
  /**
   * An agent frame that another module handles: alert → alerts; decision, metric and every ack → operations; and a
   * link's word that the operator answered a decision in the conversation (links/link.ts DecisionAnswered) → operations.
   */
  'link:inbound': {
    agentId: string;
    event: FrameOf<AgentToConsoleFrame, 'alert' | 'decision' | 'metric' | 'ack'> | { type: 'decision_answered'; id: string; comment: string };
  };
  /** An alert fired, reopened or escalated, and is not silenced: the timeline notes it in the conversation. */
  'alert:raised': { alert: Alert; kind: 'fired' | 'reopened' | 'escalated' };
  /** Actions of rules evaluated outside the alerts module (decision_waiting, in operations). */
  'rules:acted': { actions: RuleAction[]; actor: string };
  /** Something the attention counts include changed (a decision was decided, say): recount badge and tray. */
  'attention:stale': Record<string, never>;
  /** Once a second: rules, flap holds, expiries and coalesced notifications are evaluated. */
  'clock:ticked': { now: number };
}

export type ContractEvents = { [E in EventChannel]: EventPayloadOf<E> };
export type CoreEvents = ContractEvents & InternalEvents;
