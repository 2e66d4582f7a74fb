import type { AgentMode, AgentModeState } from '../../../shared/domain';
import type { UnscopedControlFrame } from '../../../shared/protocol';
import type { ModeRepository } from '../store/mode-repository';

/**
 * Per-agent modes. The mode is kept in the log and sent with `set_mode` now if the agent is online, and again every
 * time it comes back online: an agent that restarted has forgotten it.
 */
export class ModeService {
  constructor(
    private readonly deps: {
      repo: ModeRepository;
      now: () => number;
      sendControl: (agentId: string, frame: UnscopedControlFrame) => boolean;
      changed: (state: AgentModeState) => void;
    },
  ) {}

  modeOf(agentId: string): AgentMode {
    return this.deps.repo.get(agentId)?.mode ?? 'manual';
  }

  list(): AgentModeState[] {
    return this.deps.repo.list();
  }

  set(agentId: string, mode: AgentMode): AgentModeState {
    this.deps.repo.put(agentId, mode, this.deps.now());
    return this.send(agentId);
  }

  onAgentOnline(agentId: string): void {
    if (this.deps.repo.get(agentId)) this.send(agentId);
  }

  private send(agentId: string): AgentModeState {
    const state = this.deps.repo.get(agentId)!;
    if (this.deps.sendControl(agentId, { type: 'set_mode', mode: state.mode })) this.deps.repo.markSent(agentId, this.deps.now());
    const current = this.deps.repo.get(agentId)!;
    this.deps.changed(current);
    return current;
  }
}
