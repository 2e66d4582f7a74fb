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
export function SilenceForm({ alert, onDone }: { alert: Alert; onDone(): void }) {
  const [matcher, setMatcher] = useState<'dedupe_key' | 'agent' | 'rule'>('dedupe_key');
  const [durationS, setDurationS] = useState<number>(3600);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const value = matcher === 'agent' ? alert.agentId : matcher === 'rule' ? alert.rule : alert.dedupeKey;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value) return;
    const result = await api.silences.add({ matcher, value, reason, durationS });
    if (result.ok) onDone();
    else setError(result.error);
  }

  return (
    <form className="silence-form" onSubmit={submit} aria-label="Silence alert">
      <label>
        Silence
        <select value={matcher} onChange={(e) => setMatcher(e.target.value as typeof matcher)}>
          <option value="dedupe_key">this alert</option>
          {alert.agentId && <option value="agent">every alert of this agent</option>}
          {alert.rule && <option value="rule">every "{alert.rule}" alert</option>}
        </select>
      </label>
      <label>
        for
        <select value={durationS} onChange={(e) => setDurationS(Number(e.target.value))}>
          {DURATIONS.map(([label, seconds]) => (
            <option key={seconds} value={seconds}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <input autoFocus aria-label="Reason" placeholder="Reason (required)" value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" disabled={reason.trim() === ''}>
        Silence
      </button>
      <button type="button" className="link-button" onClick={onDone}>
        Cancel
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}
