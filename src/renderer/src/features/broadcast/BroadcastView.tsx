import { type FormEvent, useMemo, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent, Broadcast, BroadcastTarget } from '@shared/domain';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import './broadcast.css';
import { useBroadcasts, useBroadcastsStatus } from './use-broadcasts';
import { ViewState } from '../../ui/ViewState';
import { AgentChecklist } from '../../ui/AgentChecklist';

const STATE_LABEL = { queued: 'queued', delivered: 'delivered', acked: 'acked', replied: 'replied' } as const;

/** One message to a department, a role or a selection; each recipient's state; the replies gathered in one place. */
export function BroadcastView({ agents }: { agents: Agent[] }) {
  const broadcasts = useBroadcasts();
  const broadcastsStatus = useBroadcastsStatus();
  const [kind, setKind] = useState<BroadcastTarget['kind']>('department');
  const departments = useMemo(() => [...new Set(agents.map((a) => a.department))].sort(), [agents]);
  const roles = useMemo(() => [...new Set(agents.map((a) => a.role))].sort(), [agents]);
  const [department, setDepartment] = useState('');
  const [role, setRole] = useState('');
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const target: BroadcastTarget =
    kind === 'department'
      ? { kind, department: department || departments[0] || '' }
      : kind === 'role'
        ? { kind, role: role || roles[0] || '' }
        : { kind, agentIds: [...selection] };

  async function send(event: FormEvent) {
    event.preventDefault();
    const result = await api.broadcasts.send({ target, text });
    if (!result.ok) return setError(result.error);
    setError(null);
    setText('');
    setOpenId(result.value.id);
  }

  const open = broadcasts.find((b) => b.id === openId) ?? broadcasts[0] ?? null;
  return (
    <section className="broadcast" aria-label="Broadcast">
      <header className="alerts-toolbar">
        <h2>Broadcast</h2>
        <span className="muted">one message, every recipient tracked</span>
      </header>
      <div className="broadcast-body">
        <form className="broadcast-form" onSubmit={send}>
          <div className="broadcast-target">
            <select aria-label="Send to" value={kind} onChange={(e) => setKind(e.target.value as BroadcastTarget['kind'])}>
              <option value="department">A department</option>
              <option value="role">A role</option>
              <option value="selection">A selection</option>
            </select>
            {kind === 'department' && (
              <select aria-label="Broadcast department" value={target.kind === 'department' ? target.department : ''} onChange={(e) => setDepartment(e.target.value)}>
                {departments.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            )}
            {kind === 'role' && (
              <select aria-label="Broadcast role" value={target.kind === 'role' ? target.role : ''} onChange={(e) => setRole(e.target.value)}>
                {roles.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            )}
          </div>
          {kind === 'selection' && (
            <AgentChecklist className="broadcast-selection" agents={agents} selected={selection} onChange={setSelection} />
          )}
          <textarea aria-label="Broadcast message" placeholder="Message to every recipient…" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <ErrorNotice error={error} onDismiss={() => setError(null)} />
          <button type="submit" disabled={text.trim() === ''}>
            Send broadcast
          </button>
          <h3>Recent</h3>
          <ul className="broadcast-list">
            {broadcasts.map((b) => (
              <li key={b.id}>
                <button type="button" className={b.id === open?.id ? 'selected' : ''} onClick={() => setOpenId(b.id)}>
                  <strong>{b.label}</strong> <span className="muted">{summary(b)}</span>
                  <span className="broadcast-snippet">{b.text}</span>
                </button>
              </li>
            ))}
          </ul>
        </form>
        <div className="broadcast-detail">
          <ViewState
            what="broadcasts"
            loading={broadcastsStatus.loading}
            error={broadcastsStatus.error}
            empty={!open}
            emptyTitle="No broadcast yet"
            emptyHint="Write a message on the left, pick a department, a role or some agents, and send it to all of them at once. Each reply shows here."
          >
            {open && <BroadcastDetail broadcast={open} />}
          </ViewState>
        </div>
      </div>
    </section>
  );
}

function summary(b: Broadcast): string {
  const replied = b.recipients.filter((r) => r.state === 'replied').length;
  return `${replied}/${b.recipients.length} replied`;
}

function BroadcastDetail({ broadcast }: { broadcast: Broadcast }) {
  return (
    <div aria-label="Broadcast recipients" data-broadcast-id={broadcast.id}>
      <h3>To {broadcast.label}</h3>
      <p className="broadcast-text">{broadcast.text}</p>
      <ul className="recipients">
        {broadcast.recipients.map((r) => (
          <li key={r.agentId} className="recipient" data-agent-id={r.agentId} data-state={r.state}>
            <span className="recipient-name">{r.agentName}</span>
            <span className={`recipient-state state-${r.state}`}>{STATE_LABEL[r.state]}</span>
            {r.reply && <p className="recipient-reply">{r.reply.text}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
