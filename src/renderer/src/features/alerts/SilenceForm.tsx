import { type FormEvent, useState } from 'react';
import type { Alert, Silence } from '@shared/domain';

const DURATIONS = [
  ['1 hour', 3600],
  ['4 hours', 4 * 3600],
  ['1 day', 86_400],
  ['1 week', 7 * 86_400],
] as const;

export interface SilenceRequest {
  matcher: Silence['matcher'];
  /** One silence per value: the keys of the alerts chosen, or one agent, or one rule. */
  values: string[];
  reason: string;
  durationS: number;
}

/**
 * Silences the chosen alerts' keys (or, for one alert, its agent or its rule) for a while, with a reason (kept with
 * the silence). The inbox carries it out, held for Undo like every triage action.
 */
export function SilenceForm({
  alerts,
  agentName,
  onSilence,
  onCancel,
}: {
  alerts: readonly Alert[];
  agentName: string;
  onSilence(request: SilenceRequest): void;
  onCancel(): void;
}) {
  const alert = alerts[0]!;
  const single = alerts.length === 1;
  const [matcher, setMatcher] = useState<'dedupe_key' | 'agent' | 'rule'>('dedupe_key');
  const [durationS, setDurationS] = useState<number>(3600);
  const [reason, setReason] = useState('');
  const values =
    matcher === 'agent' ? [alert.agentId] : matcher === 'rule' ? [alert.rule] : [...new Set(alerts.map((a) => a.dedupeKey))];

  function submit(event: FormEvent) {
    event.preventDefault();
    const present = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
    if (present.length === 0 || reason.trim() === '') return;
    onSilence({ matcher, values: present, reason: reason.trim(), durationS });
  }

  return (
    <form
      className="silence-form"
      onSubmit={submit}
      aria-label="Silence alert"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3>{single ? `Silence “${alert.title}”` : `Silence ${alerts.length} alerts`}</h3>
      <div className="silence-fields">
        <label>
          <span>What</span>
          <select value={matcher} onChange={(e) => setMatcher(e.target.value as typeof matcher)}>
            <option value="dedupe_key">{single ? 'This alert' : `These ${alerts.length} alerts`}</option>
            {single && alert.agentId && <option value="agent">Every alert from {agentName}</option>}
            {single && alert.rule && <option value="rule">Every “{alert.rule.replace(/_/g, ' ')}” alert</option>}
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
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
