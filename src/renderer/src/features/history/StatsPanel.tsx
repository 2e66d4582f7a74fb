import { useEffect, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { HistorySource, HistoryStats } from '@shared/history';
import { api } from '../../lib/api';
import { ViewState } from '../../ui/ViewState';

function seconds(ms: number | null): string {
  return ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

/** Counts per agent and intent, and how fast each agent answers the operator. */
export function StatsPanel({ source }: { source: HistorySource }) {
  const [stats, setStats] = useState<HistoryStats | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    setError(null);
    void api.stats.summary({ source }).then((result) => {
      if (!alive) return;
      if (result.ok) setStats(result.value);
      setError(result.ok ? null : result.error);
    });
    return () => {
      alive = false;
    };
  }, [source, attempt]);

  if (!stats || stats.totalMessages === 0) {
    return (
      <ViewState
        what="statistics"
        loading={!stats}
        error={error}
        empty
        emptyTitle="No messages to count yet"
        emptyHint="Statistics count the messages in the log: open an agent on the left and chat with it, or open another log file under Backups & files."
        onRetry={() => setAttempt((n) => n + 1)}
      >
        {null}
      </ViewState>
    );
  }
  return (
    <section aria-label="Statistics">
      <p>
        <strong>{stats.totalMessages.toLocaleString()}</strong> messages in <strong>{stats.conversations.toLocaleString()}</strong>{' '}
        conversations
      </p>
      <table className="stats-table">
        <thead>
          <tr>
            <th>Agent</th>
            <th className="num">Messages</th>
            <th className="num">In / out</th>
            <th className="num">Avg reply</th>
          </tr>
        </thead>
        <tbody>
          {stats.agents.map((a) => (
            <tr key={a.agentId}>
              <td>{a.name ?? a.agentId}</td>
              <td className="num">{a.messages.toLocaleString()}</td>
              <td className="num">
                {a.incoming.toLocaleString()} / {a.outgoing.toLocaleString()}
              </td>
              <td className="num">{seconds(a.avgResponseMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="stats-table">
        <thead>
          <tr>
            <th>Intent</th>
            <th className="num">Messages</th>
          </tr>
        </thead>
        <tbody>
          {stats.intents.map((i) => (
            <tr key={i.intent}>
              <td>{i.intent.replace(/_/g, ' ')}</td>
              <td className="num">{i.messages.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
