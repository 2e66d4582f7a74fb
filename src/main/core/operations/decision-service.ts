import type { AgentMode, Decision, OperationsSettings } from '../../../shared/domain';
import type { AgentToConsoleFrame, FrameOf } from '../../../shared/protocol';
import type { UnscopedControlFrame } from '../../../shared/protocol';
import { CoreError } from '../core-error';
import { agentScopedKey as key } from '../lib/agent-scoped-key';
import type { Database } from '../store/database';
import type { DecisionRepository } from '../store/decision-repository';

export interface DecisionServiceDeps {
  db: Database;
  repo: DecisionRepository;
  now: () => number;
  settings: () => OperationsSettings;
  modeOf: (agentId: string) => AgentMode;
  sendControl: (agentId: string, frame: UnscopedControlFrame) => boolean;
  changed: (decision: Decision) => void;
}


/**
 * The "needs you" queue. Agent `decision` frames are logged once (agents re-send pending ones after every welcome);
 * the operator, or the agent's mode, settles them; the outcome goes back as `decision_result` and is re-sent on every
 * reconnect until the agent acks it. Pending decisions past `expires_at` are marked expired and can no longer be
 * decided.
 */
export class DecisionService {
  /** Results on the wire, waiting for the agent's ack: an ack is checked against this before touching SQLite. */
  private readonly awaitingAck = new Set<string>();

  constructor(private readonly deps: DecisionServiceDeps) {}

  onFrame(agentId: string, frame: FrameOf<AgentToConsoleFrame, 'decision'>): void {
    const now = this.deps.now();
    const expiresAt = frame.expires_at === undefined ? null : Date.parse(frame.expires_at);
    const fresh = this.deps.repo.insert({
      agentId,
      id: frame.id,
      summary: frame.summary,
      reasoning: frame.reasoning,
      confidence: frame.confidence,
      // The optional risk travels with the context: what the card shows and the confirmation checks.
      context: frame.risk === undefined ? (frame.context ?? null) : { ...frame.context, risk: frame.risk },
      expiresAt,
      createdAt: now,
    });
    if (!fresh) {
      // The agent re-sent a decision we already settled: it never got the result, so send it again.
      const known = this.deps.repo.get(agentId, frame.id);
      if (known && (known.state === 'approved' || known.state === 'rejected')) this.sendResult(known);
      return;
    }
    if (expiresAt !== null && expiresAt <= now) {
      this.expire();
      return;
    }
    let decision = this.deps.repo.get(agentId, frame.id)!;
    const policy = this.policyFor(decision);
    if (policy) decision = this.settle(decision, 'approved', null, policy);
    this.deps.changed(decision);
  }

  /** The operator's answer. Throws CONFLICT when the decision is no longer pending. */
  decide(agentId: string, id: string, outcome: 'approved' | 'rejected', comment: string | undefined): Decision {
    const decision = this.deps.repo.get(agentId, id);
    if (!decision) throw new CoreError('NOT_FOUND', `No decision ${id} from ${agentId}.`);
    if (decision.state === 'pending' && decision.expiresAt !== null && decision.expiresAt <= this.deps.now()) this.expire();
    const current = this.deps.repo.get(agentId, id)!;
    if (current.state !== 'pending') {
      throw new CoreError('CONFLICT', `This decision is already ${current.state}${current.decidedBy ? ` (by ${current.decidedBy})` : ''}.`);
    }
    const decided = this.settle(current, outcome, comment && comment.length > 0 ? comment : null, 'operator');
    this.deps.changed(decided);
    return decided;
  }

  /**
   * The operator answered in the conversation instead of on the card (an A2A agent's question): the card is settled
   * as approved with that answer. No result goes out, the message was the answer, so it is recorded as acked. A
   * decision already settled stays as it was: every way of answering settles it once.
   */
  answeredInConversation(agentId: string, id: string, comment: string): void {
    const at = this.deps.now();
    const answer = comment.trim().slice(0, 4000);
    if (!this.deps.repo.decide({ agentId, id, state: 'approved', comment: answer || null, auto: false, decidedBy: 'operator', decidedAt: at })) return;
    this.deps.repo.markResultAcked(agentId, id, at);
    this.deps.changed(this.deps.repo.get(agentId, id)!);
  }

  onAck(agentId: string, id: string): void {
    const k = key(agentId, id);
    if (!this.awaitingAck.delete(k)) return;
    if (!this.deps.repo.markResultAcked(agentId, id, this.deps.now())) return;
    const decision = this.deps.repo.get(agentId, id);
    if (decision) this.deps.changed(decision);
  }

  /** Re-sends the results this agent has not acked (it was offline, or the frame was lost with the link). */
  onAgentOnline(agentId: string): void {
    for (const decision of this.deps.repo.unackedResults(agentId)) this.sendResult(decision);
  }

  /** Marks pending decisions past their expiry as expired; returns them. */
  expire(): Decision[] {
    const expired = this.deps.repo.expireDue(this.deps.now());
    for (const decision of expired) this.deps.changed(decision);
    return expired;
  }

  /** When the agent's mode approves without the operator: auto always, semi-auto above the confidence threshold. */
  private policyFor(decision: Decision): string | null {
    const mode = this.deps.modeOf(decision.agentId);
    if (mode === 'auto') return 'policy:auto';
    if (mode === 'semi_auto' && decision.confidence >= this.deps.settings().autoApproveConfidence) return 'policy:semi_auto';
    return null;
  }

  private settle(decision: Decision, outcome: 'approved' | 'rejected', comment: string | null, decidedBy: string): Decision {
    const auto = decidedBy.startsWith('policy:');
    this.deps.repo.decide({ agentId: decision.agentId, id: decision.id, state: outcome, comment, auto, decidedBy, decidedAt: this.deps.now() });
    const decided = this.deps.repo.get(decision.agentId, decision.id)!;
    this.sendResult(decided);
    return decided;
  }

  private sendResult(decision: Decision): void {
    if (decision.state !== 'approved' && decision.state !== 'rejected') return;
    const sent = this.deps.sendControl(decision.agentId, {
      type: 'decision_result',
      id: decision.id,
      outcome: decision.state,
      ...(decision.comment === null ? {} : { comment: decision.comment }),
      ...(decision.auto ? { auto: true } : {}),
    });
    if (sent) this.awaitingAck.add(key(decision.agentId, decision.id));
  }
}
