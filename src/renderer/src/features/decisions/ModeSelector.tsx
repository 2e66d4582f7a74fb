import { useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { AgentModeState } from '@shared/domain';
import { AgentMode } from '@shared/protocol';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

const LABELS: Record<AgentMode, string> = { manual: 'Manual', semi_auto: 'Semi-auto', auto: 'Auto' };

/** The agent's mode: sent with `set_mode` at once, or when it is next online. */
export function ModeSelector({ agentId, state }: { agentId: string; state: AgentModeState | undefined }) {
  const [error, setError] = useState<ApiError | null>(null);
  const mode = state?.mode ?? 'manual';
  async function change(next: AgentMode) {
    const result = await api.modes.set({ agentId, mode: next });
    setError(result.ok ? null : result.error);
  }
  return (
    <div className="mode-selector" data-mode={mode}>
      <label>
        Mode{' '}
        <select aria-label="Agent mode" value={mode} onChange={(e) => void change(e.target.value as AgentMode)}>
          {AgentMode.options.map((m) => (
            <option key={m} value={m}>
              {LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      {state && <span className="muted mode-sync">{state.sentAt === null ? 'waiting for the agent' : 'sent'}</span>}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </div>
  );
}
