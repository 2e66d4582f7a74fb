import { useMemo } from 'react';
import type { RequestOf } from '@shared/contract';
import { type Agent, type Alert, type Conversation, type Decision, parseConversationId } from '@shared/domain';
import type { AgentMode } from '@shared/protocol';
import { api } from '../../lib/api';
import { type QuerySpec, queryKey } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';
import type { OpenTarget, Panel, View } from '../navigation/navigation';
import { isHighRisk } from '../decisions/decision-risk';
import { showTour } from '../tour/tour-store';
import type { PaletteItem } from './palette-items';

// Alerts and conversations are read each time the palette opens, not kept live all day for it.
const openAlertsRequest = { states: ['firing', 'acknowledged'], limit: 200 } satisfies RequestOf<'alerts:list'>;
const openAlertsQuery: QuerySpec<Alert[]> = {
  key: queryKey('alerts:list', openAlertsRequest),
  load: (invoke) => invoke('alerts:list', openAlertsRequest),
  refetchOnMount: true,
};
const conversationsQuery: QuerySpec<Conversation[]> = {
  key: queryKey('conversations:list', {}),
  load: (invoke) => invoke('conversations:list', {}),
  refetchOnMount: true,
};
const NONE: never[] = [];

interface PaletteActions {
  selectAgent(id: string): void;
  setView(view: View): void;
  open(target: OpenTarget): void;
  nextDecision(): void;
  nextUnread(): void;
  setFocusDecisionId(id: string | null): void;
  showPanel(panel: Panel): void;
}

/** What the palette offers: every agent, recent conversations, open alerts, waiting decisions, and actions. */
export function usePaletteItems(input: {
  open: boolean;
  agents: Agent[];
  decisions: Decision[];
  selected: Agent | null;
  actions: PaletteActions;
}): PaletteItem[] {
  const { open, agents, decisions, selected, actions } = input;
  const alerts = useQuery(open ? openAlertsQuery : null).data ?? NONE;
  const conversations = useQuery(open ? conversationsQuery : null).data ?? NONE;

  return useMemo(() => {
    if (!open) return [];
    const names = new Map(agents.map((a) => [a.id, a.name]));
    const items: PaletteItem[] = [];
    const view = (id: View, label: string) => items.push({ id: `view:${id}`, group: 'Action', label: `Go to ${label}`, run: () => actions.setView(id) });
    view('home', 'Home');
    view('decisions', 'Needs you (decisions)');
    view('alerts', 'Alerts');
    view('broadcast', 'Broadcast');
    view('rooms', 'Rooms');
    view('chat', 'Chat');
    view('history', 'History: search, export, stats and backups');
    items.push({ id: 'action:tour', group: 'Action', label: 'Show the tour', hint: 'first-run tour', run: showTour });
    items.push({ id: 'action:next-decision', group: 'Action', label: 'Next decision', hint: 'Alt+D', run: actions.nextDecision });
    items.push({ id: 'action:next-unread', group: 'Action', label: 'Next unread conversation', hint: 'Alt+N', run: actions.nextUnread });
    if (selected) {
      items.push({ id: 'action:request', group: 'Action', label: `Structured request to ${selected.name}`, run: () => (actions.selectAgent(selected.id), actions.showPanel('request')) });
      items.push({ id: 'action:metrics', group: 'Action', label: `Metrics of ${selected.name}`, run: () => (actions.selectAgent(selected.id), actions.showPanel('metrics')) });
      for (const mode of ['manual', 'semi_auto', 'auto'] as AgentMode[]) {
        items.push({
          id: `action:mode:${mode}`,
          group: 'Action',
          label: `Set ${selected.name} to ${mode === 'semi_auto' ? 'semi-automatic' : mode}`,
          run: () => void api.modes.set({ agentId: selected.id, mode }),
        });
      }
    }
    for (const d of decisions) {
      const agent = names.get(d.agentId) ?? d.agentId;
      items.push({ id: `decision:${d.agentId}:${d.id}`, group: 'Decision', label: d.summary, hint: agent, run: () => (actions.setView('decisions'), actions.setFocusDecisionId(d.id)) });
      items.push({
        id: `approve:${d.agentId}:${d.id}`,
        group: 'Action',
        label: `Approve: ${d.summary}`,
        hint: isHighRisk(d) ? `${agent} · high risk` : agent,
        ...(isHighRisk(d)
          ? { confirm: { title: 'Confirm a high-risk approval', detail: `${agent} will go ahead with: ${d.summary}. ${agent} marked this high risk.`, confirmLabel: 'Approve anyway' } }
          : {}),
        run: () => void api.decisions.decide({ agentId: d.agentId, id: d.id, outcome: 'approved' }),
      });
    }
    for (const a of alerts) items.push({ id: `alert:${a.id}`, group: 'Alert', label: a.title, hint: a.severity, run: () => actions.open({ kind: 'alert', id: a.id }) });
    for (const agent of agents) items.push({ id: `agent:${agent.id}`, group: 'Agent', label: agent.name, hint: `${agent.role} · ${agent.department}`, run: () => actions.selectAgent(agent.id) });
    for (const c of conversations) {
      const ref = parseConversationId(c.id);
      if (ref.kind === 'direct') continue;
      items.push({ id: `conversation:${c.id}`, group: 'Conversation', label: c.title, hint: ref.kind === 'other' ? ref.prefix : ref.kind, run: () => actions.open({ kind: 'conversation', id: c.id }) });
    }
    return items;
  }, [open, agents, decisions, selected, alerts, conversations, actions]);
}
