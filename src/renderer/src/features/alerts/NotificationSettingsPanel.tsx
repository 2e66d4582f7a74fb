import { useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent, NotificationSettings, NotifyLevel, Silence } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';

const LEVELS: [NotifyLevel, string][] = [
  ['all', 'Everything'],
  ['mentions_critical', 'Mentions and critical'],
  ['none', 'Nothing'],
];

const until = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** What may interrupt the operator: levels per agent, quiet hours, the coalescing window, and active silences. */
export function NotificationSettingsPanel({ agents }: { agents: Agent[] }) {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [silences, setSilences] = useState<Silence[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void api.notifications.getSettings().then((r) => (r.ok ? setSettings(r.value) : setError(r.error)));
    void api.silences.list().then((r) => (r.ok ? setSilences(r.value) : setError(r.error)));
  }, []);

  async function save(next: NotificationSettings) {
    setSettings(next);
    const result = await api.notifications.updateSettings(next);
    if (result.ok) {
      setSettings(result.value);
      setError(null);
    } else setError(result.error);
  }

  async function unsilence(id: string) {
    const result = await api.silences.remove({ id });
    if (result.ok) setSilences((current) => current.filter((s) => s.id !== id));
    else setError(result.error);
  }

  if (!settings) return <ErrorNotice error={error} />;
  return (
    <section className="notification-settings" aria-label="Notification settings">
      <h3>Notifications</h3>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <label>
        Default
        <LevelSelect value={settings.defaultLevel} onChange={(defaultLevel) => void save({ ...settings, defaultLevel })} />
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.quietHours.enabled}
          onChange={(e) => void save({ ...settings, quietHours: { ...settings.quietHours, enabled: e.target.checked } })}
        />
        Quiet hours (critical alerts still notify)
      </label>
      {settings.quietHours.enabled && (
        <div className="quiet-hours">
          <input type="time" aria-label="Quiet from" value={settings.quietHours.start}
            onChange={(e) => void save({ ...settings, quietHours: { ...settings.quietHours, start: e.target.value } })} />
          to
          <input type="time" aria-label="Quiet until" value={settings.quietHours.end}
            onChange={(e) => void save({ ...settings, quietHours: { ...settings.quietHours, end: e.target.value } })} />
        </div>
      )}
      <label>
        At most one notification per agent every
        <select value={settings.coalesceWindowS} onChange={(e) => void save({ ...settings, coalesceWindowS: Number(e.target.value) })}>
          {[30, 60, 300, 900].map((s) => (
            <option key={s} value={s}>
              {s < 60 ? `${s} s` : `${s / 60} min`}
            </option>
          ))}
        </select>
      </label>
      <h4>Per agent</h4>
      <ul className="agent-levels">
        {agents.map((agent) => (
          <li key={agent.id}>
            <span>{agent.name}</span>
            <LevelSelect
              value={settings.agentLevels[agent.id] ?? settings.defaultLevel}
              onChange={(level) => void save({ ...settings, agentLevels: { ...settings.agentLevels, [agent.id]: level } })}
            />
          </li>
        ))}
      </ul>
      <h4>Silences</h4>
      {silences.length === 0 && <p className="muted">None active.</p>}
      <ul className="silences">
        {silences.map((s) => (
          <li key={s.id}>
            {s.matcher.replace('_', ' ')} <code>{s.value}</code> until {until.format(s.expiresAt)}: {s.reason}{' '}
            <button type="button" className="link-button" onClick={() => void unsilence(s.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function LevelSelect({ value, onChange }: { value: NotifyLevel; onChange(level: NotifyLevel): void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as NotifyLevel)}>
      {LEVELS.map(([level, label]) => (
        <option key={level} value={level}>
          {label}
        </option>
      ))}
    </select>
  );
}
