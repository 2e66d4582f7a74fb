import { type FormEvent, useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { OperationsSettings } from '../../../../shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

/**
 * The two numbers behind the queue: how confident a decision must be for semi-auto to approve it, and how long one
 * may wait before it raises a `decision_waiting` alert.
 */
export function DecisionPolicy() {
  const [settings, setSettings] = useState<OperationsSettings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void api.operations.getSettings().then((result) => (result.ok ? setSettings(result.value) : setError(result.error)));
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    const result = await api.operations.updateSettings(settings);
    setError(result.ok ? null : result.error);
    setSaved(result.ok);
    if (result.ok) setSettings(result.value);
  }

  const edit = (patch: Partial<OperationsSettings>) => {
    setSaved(false);
    setSettings((current) => current && { ...current, ...patch });
  };
  return (
    <details className="decision-policy">
      <summary>Policy</summary>
      {settings && (
        <form onSubmit={save}>
          <label>
            Semi-auto approves at confidence ≥{' '}
            <input
              type="number"
              min={0}
              max={100}
              step={1}
              value={Math.round(settings.autoApproveConfidence * 100)}
              onChange={(e) => edit({ autoApproveConfidence: Number(e.target.value) / 100 })}
            />{' '}
            %
          </label>
          <label>
            Alert when a decision waits{' '}
            <input
              type="number"
              min={1}
              max={24 * 60}
              step={1}
              value={settings.decisionWaitingMinutes}
              onChange={(e) => edit({ decisionWaitingMinutes: Number(e.target.value) })}
            />{' '}
            min
          </label>
          <button type="submit" className="secondary">
            Save
          </button>
          {saved && <span className="muted">Saved</span>}
        </form>
      )}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </details>
  );
}
