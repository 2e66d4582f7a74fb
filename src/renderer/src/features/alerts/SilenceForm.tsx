import { type FormEvent, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Alert } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

const DURATIONS = [
  ['1 hour', 3600],
  ['4 hours', 4 * 3600],
  ['1 day', 86_400],
  ['1 week', 7 * 86_400],
] as const;

/** Silences this alert's key, its agent, or its rule, for a while, with a reason (kept with the silence). */
export function SilenceForm({ alert, agentName, onDone }: { alert: Alert; agentName: string; onDone(silenced: boolean): void }) {
  const [matcher, setMatcher] = useState<'dedupe_key' | 'agent' | 'rule'>('dedupe_key');
  const [durationS, setDurationS] = useState<number>(3600);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const value = matcher === 'agent' ? alert.agentId : matcher === 'rule' ? alert.rule : alert.dedupeKey;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value || reason.trim() === '') return;
    const result = await api.silences.add({ matcher, value, reason: reason.trim(), durationS });
    if (result.ok) onDone(true);
    else setError(result.error);
  }

  return (
    <form
      className="silence-form"
      onSubmit={submit}
      aria-label="Silence alert"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone(false);
      }}
    >
      <h3>Silence “{alert.title}”</h3>
      <div className="silence-fields">
        <label>
          <span>What</span>
          <select value={matcher} onChange={(e) => setMatcher(e.target.value as typeof matcher)}>
            <option value="dedupe_key">This alert</option>
            {alert.agentId && <option value="agent">Every alert from {agentName}</option>}
            {alert.rule && <option value="rule">Every “{alert.rule.replace(/_/g, ' ')}” alert</option>}
          </select>
        </label>
        <label>
          <span>For</span>
          <select value={durationS} onChange={(e) => setDurationS(Number(e.target.value))}>
            {DURATIONS.map(([label, seconds]) => (
              <option key={seconds} value={seconds}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="silence-reason">
          <span>Reason</span>
          <input autoFocus placeholder="Why, for whoever looks later (required)" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={reason.trim() === ''}>
          Silence
        </button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}
