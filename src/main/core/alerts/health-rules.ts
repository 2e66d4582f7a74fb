import type { Agent } from '../../../shared/domain';
import type { RuleAction } from '../lib/core-events';

export interface RttRuleOptions {
  warnMs: number;
  criticalMs: number;
}
export const DEFAULT_RTT_RULE: RttRuleOptions = { warnMs: 1000, criticalMs: 3000 };

/**
 * "RTT above the warning / critical threshold". Raises once per threshold crossed; resolves only when RTT falls below
 * 80% of the warning threshold, so a link hovering at the threshold does not fire and resolve on every heartbeat.
 */
export class RttRule {
  private readonly raised = new Map<string, 'warning' | 'critical'>();

  constructor(private readonly options: RttRuleOptions = DEFAULT_RTT_RULE) {}

  observe(agent: Agent): RuleAction | null {
    const rtt = agent.health?.rttMs;
    if (rtt === null || rtt === undefined) return null;
    const key = `rule:rtt_high:${agent.id}`;
    const current = this.raised.get(agent.id);
    if (rtt < this.options.warnMs * 0.8) {
      if (!current) return null;
      this.raised.delete(agent.id);
      return { resolve: key };
    }
    const severity = rtt >= this.options.criticalMs ? 'critical' : rtt >= this.options.warnMs ? 'warning' : null;
    if (severity === null || severity === current) return null;
    // A drop from critical to warning is not a new alert: the open one keeps its (worse) severity until it resolves.
    if (current === 'critical') return null;
    this.raised.set(agent.id, severity);
    return {
      raise: {
        agentId: agent.id,
        source: 'rule',
        rule: 'rtt_high',
        dedupeKey: key,
        severity,
        title: `${agent.name} is slow to answer`,
        body: `Heartbeat round trip is ${Math.round(rtt)} ms (warning at ${this.options.warnMs} ms, critical at ${this.options.criticalMs} ms).`,
        actor: 'rule:rtt_high',
      },
    };
  }
}

export interface ErrorFrameRuleOptions {
  /** Bad frames within `windowS` that raise a warning. */
  threshold: number;
  windowS: number;
}
export const DEFAULT_ERROR_FRAME_RULE: ErrorFrameRuleOptions = { threshold: 20, windowS: 60 };

/**
 * "A rate of error frames": the console answered this many bad frames from one agent within the window. It samples
 * the agent's running bad-frame total and resolves once a whole window passes without a new one.
 */
export class ErrorFrameRule {
  private readonly samples = new Map<string, { at: number; total: number }[]>();
  private readonly raised = new Set<string>();
  private readonly names = new Map<string, string>();

  constructor(private readonly options: ErrorFrameRuleOptions = DEFAULT_ERROR_FRAME_RULE) {}

  observe(agent: Agent, now: number): RuleAction | null {
    const total = Object.values(agent.health?.badFrames ?? {}).reduce((sum, n) => sum + n, 0);
    // Counts start at zero when the console starts, so the first sample's reference point is zero.
    const samples = this.samples.get(agent.id) ?? [{ at: now, total: 0 }];
    if (samples.at(-1)?.total !== total) samples.push({ at: now, total });
    this.samples.set(agent.id, samples);
    this.names.set(agent.id, agent.name);
    return this.judge(agent.id, now);
  }

  evaluate(now: number): RuleAction[] {
    return [...this.samples.keys()].map((id) => this.judge(id, now)).filter((a): a is RuleAction => a !== null);
  }

  private judge(agentId: string, now: number): RuleAction | null {
    const samples = this.samples.get(agentId) ?? [];
    const windowStart = now - this.options.windowS * 1000;
    // Keep one sample from before the window as the reference point for the count inside it.
    while (samples.length > 1 && samples[1]!.at <= windowStart) samples.shift();
    const first = samples[0];
    const last = samples.at(-1);
    const inWindow = first && last ? last.total - first.total : 0;
    const key = `rule:error_frames:${agentId}`;
    if (inWindow >= this.options.threshold && !this.raised.has(agentId)) {
      this.raised.add(agentId);
      return {
        raise: {
          agentId,
          source: 'rule',
          rule: 'error_frames',
          dedupeKey: key,
          severity: 'warning',
          title: `${this.names.get(agentId) ?? agentId} is sending bad frames`,
          body: `${inWindow} frames refused in the last ${this.options.windowS} s; the agent detail shows them by error code.`,
          actor: 'rule:error_frames',
        },
      };
    }
    if (this.raised.has(agentId) && (last?.at ?? 0) <= windowStart) {
      this.raised.delete(agentId);
      return { resolve: key };
    }
    return null;
  }
}
