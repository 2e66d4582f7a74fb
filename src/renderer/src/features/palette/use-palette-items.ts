import { useMemo } from 'react';
import type { RequestOf } from '@shared/contract';
import {
  type Agent,
  type Alert,
  type Conversation,
  type Decision,
  type NotificationSettings,
  type NotifyLevel,
  directConversationId,
  parseConversationId,
} from '@shared/domain';
import type { ExportFormat } from '@shared/history';
import type { AgentMode } from '@shared/protocol';
import { api } from '../../lib/api';
import { type QuerySpec, queryKey } from '../../lib/query-cache';
import { useQuery } from '../../lib/use-query';
import { agentsByEndpoint, endpointWho } from '../agents/endpoint-label';
import { useEndpoints } from '../agents/use-endpoints';
import { copyConversationAsMarkdown } from '../conversations/copy-markdown';
import { isHighRisk } from '../decisions/decision-risk';
import { holdAnswers } from '../decisions/decision-triage';
import { linkStatusLabel, linkStatusOf } from '../../ui/link-status';
import { setThemePreference, THEME_LABELS, THEME_PREFERENCES } from '../../ui/theme';
import { requestHistory } from '../history/history-requests';
import type { OpenTarget, Panel, View } from '../navigation/navigation';
import { chordKeys, type Shortcut, SHORTCUTS } from '../shortcuts/shortcut-registry';
import { openShortcutSheet } from '../shortcuts/shortcut-sheet-store';
import { showTour } from '../tour/tour-store';
import type { PaletteItem } from './palette-items';

// Alerts, conversations and settings are read each time the palette opens, not kept live all day for it.
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
const notificationSettingsQuery: QuerySpec<NotificationSettings> = {
  key: queryKey('notifications:get-settings', {}),
  load: (invoke) => invoke('notifications:get-settings', {}),
  refetchOnMount: true,
};
const NONE: never[] = [];

export interface PaletteActions {
  selectAgent(id: string): void;
  setView(view: View): void;
  open(target: OpenTarget): void;
  nextDecision(): void;
  nextUnread(): void;
  setFocusDecisionId(id: string | null): void;
  showPanel(panel: Panel): void;
  /** The alert opened last (from a notification, the palette or a link): its actions come first, with their keys. */
  readonly focusAlertId: string | null;
}

const keysOf = (shortcut: Shortcut) => chordKeys(shortcut.chords[0]!);
const SILENCE_S = 3_600;
const LEVELS: [NotifyLevel, string][] = [
  ['all', 'every alert and decision'],
  ['mentions_critical', 'critical alerts and mentions only'],
  ['none', 'nothing'],
];
const FORMATS: [ExportFormat, string][] = [
  ['markdown', 'Markdown'],
  ['json', 'JSON'],
  ['csv', 'CSV'],
];

/** Focuses a field of the sidebar by its accessible name, unfolding the panel it sits in. */
/** Opens Connections and brings an endpoint's row into view. */
function showEndpoint(endpointId: string) {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(`[data-endpoint-id="${CSS.escape(endpointId)}"]`);
    const details = row?.closest('details');
    if (details) details.open = true;
    row?.scrollIntoView({ block: 'nearest' });
  });
}

function focusField(label: string) {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>(`[aria-label="${CSS.escape(label)}"]`);
    const details = field?.closest('details');
    if (details) details.open = true;
    field?.focus();
  });
}

/**
 * What the palette offers: every view, setting and action (alert and decision actions, export and backup,
 * connections, modes, the theme), every agent, recent conversations, open alerts and waiting decisions.
 */
export function usePaletteItems(input: {
  open: boolean;
  agents: Agent[];
  decisions: Decision[];
  selected: Agent | null;
  actions: PaletteActions;
}): PaletteItem[] {
  const { open, agents, decisions, selected, actions } = input;
  const { focusAlertId } = actions;
  const { endpoints } = useEndpoints();
  const alerts = useQuery(open ? openAlertsQuery : null).data ?? NONE;
  const conversations = useQuery(open ? conversationsQuery : null).data ?? NONE;
  const notificationSettings = useQuery(open ? notificationSettingsQuery : null).data ?? null;

  return useMemo(() => {
    if (!open) return [];
    const names = new Map(agents.map((a) => [a.id, a.name]));
    const items: PaletteItem[] = [];
    const add = (item: PaletteItem) => items.push(item);

    // Views.
    const view = (id: View, label: string, keywords?: string) =>
      add({ id: `view:${id}`, group: 'Navigation', label: `Go to ${label}`, keywords, run: () => actions.setView(id) });
    view('home', 'Home', 'what needs me overview start');
    view('decisions', 'Needs you', 'decisions approvals inbox');
    view('alerts', 'Alerts', 'incidents inbox');
    view('chat', 'Chat', 'conversation messages');
    view('rooms', 'Rooms', 'group channels');
    view('broadcast', 'Broadcast', 'announce send to many');
    view('history', 'History', 'log archive');
    add({ id: 'action:tour', group: 'Navigation', label: 'Show the tour', hint: 'first-run tour', keywords: 'help onboarding introduction', run: showTour });
    add({ id: 'action:shortcuts', group: 'Navigation', label: 'Show keyboard shortcuts', shortcut: keysOf(SHORTCUTS.cheatSheet), keywords: 'help keys cheat sheet', run: openShortcutSheet });
    add({ id: 'action:next-decision', group: 'Decisions', label: 'Next decision waiting', shortcut: keysOf(SHORTCUTS.nextDecision), run: actions.nextDecision });
    add({ id: 'action:next-unread', group: 'Navigation', label: 'Next unread conversation', shortcut: keysOf(SHORTCUTS.nextUnread), run: actions.nextUnread });

    // History: search, export, backup.
    const history = (id: string, label: string, run: () => void, keywords?: string) => add({ id: `history:${id}`, group: 'History', label, keywords, run });
    history('search', 'Open History search', () => (actions.setView('history'), requestHistory({ tab: 'search' })), 'find messages full text');
    for (const [format, name] of FORMATS) {
      history(`export:${format}`, `Export all messages as ${name}`, () => (actions.setView('history'), requestHistory({ tab: 'export', exportFormat: format })), 'download save file');
    }
    history('export', 'Open History export options', () => (actions.setView('history'), requestHistory({ tab: 'export' })), 'download save file');
    history('stats', 'Open History stats', () => (actions.setView('history'), requestHistory({ tab: 'stats' })), 'statistics counts');
    history(
      'backup',
      'Back up the message log now',
      () => {
        actions.setView('history');
        void api.backup.create().then(() => requestHistory({ tab: 'files' }));
      },
      'backup snapshot copy',
    );

    // Connections.
    add({ id: 'connections:add', group: 'Connections', label: 'Add an agent endpoint', keywords: 'connect new url websocket', run: () => focusField('Agent URL') });
    const byEndpoint = agentsByEndpoint(agents);
    for (const e of endpoints) {
      // The same words as the dots: a silent link is "Degraded", never "online" and never left out.
      const status = linkStatusOf(e.linkState, e.health);
      if (status === 'online') continue;
      const who = endpointWho(e, byEndpoint.get(e.id));
      const hint = e.lastError ? `${linkStatusLabel(status)}: ${e.lastError}` : linkStatusLabel(status);
      const keywords = `${e.url} ${who.agentNames.join(' ')}`;
      if (status === 'degraded') {
        // The socket is up, so there is nothing to redial: show the operator the row instead.
        add({ id: `connections:show:${e.id}`, group: 'Connections', label: `Check connection: ${who.label}`, hint, keywords: `degraded silent ${keywords}`, run: () => showEndpoint(e.id) });
        continue;
      }
      add({
        id: `connections:retry:${e.id}`,
        group: 'Connections',
        label: `Retry connection now: ${who.label}`,
        hint,
        keywords: `reconnect down offline ${keywords}`,
        run: () => void api.endpoints.retry({ id: e.id }),
      });
    }

    // Settings: notifications, quiet hours, the selected agent's mode, the theme.
    if (notificationSettings) {
      for (const [level, words] of LEVELS) {
        if (level === notificationSettings.defaultLevel) continue;
        add({
          id: `settings:notify:${level}`,
          group: 'Settings',
          label: `Notify me about ${words}`,
          keywords: 'notifications level alerts',
          run: () => void api.notifications.updateSettings({ ...notificationSettings, defaultLevel: level }),
        });
      }
      const quiet = notificationSettings.quietHours;
      add({
        id: 'settings:quiet-hours',
        group: 'Settings',
        label: quiet.enabled ? `Turn quiet hours off (${quiet.start}–${quiet.end})` : `Turn quiet hours on (${quiet.start}–${quiet.end})`,
        keywords: 'do not disturb night notifications',
        run: () => void api.notifications.updateSettings({ ...notificationSettings, quietHours: { ...quiet, enabled: !quiet.enabled } }),
      });
    }
    for (const theme of THEME_PREFERENCES) {
      add({ id: `setting:theme:${theme}`, group: 'Settings', label: `Theme: ${THEME_LABELS[theme]}`, hint: theme === 'system' ? 'follow the OS' : undefined, keywords: 'appearance colour color dark light', run: () => setThemePreference(theme) });
    }
    if (selected) {
      add({ id: 'action:request', group: 'Actions', label: `Structured request to ${selected.name}`, keywords: 'assign task intent', run: () => (actions.selectAgent(selected.id), actions.showPanel('request')) });
      add({ id: 'action:metrics', group: 'Actions', label: `Metrics of ${selected.name}`, keywords: 'charts performance', run: () => (actions.selectAgent(selected.id), actions.showPanel('metrics')) });
      add({ id: 'action:copy-markdown', group: 'Actions', label: 'Copy conversation as Markdown', hint: selected.name, keywords: 'clipboard export', run: () => (actions.selectAgent(selected.id), void copyConversationAsMarkdown(directConversationId(selected.id))) });
      for (const mode of ['manual', 'semi_auto', 'auto'] as AgentMode[]) {
        add({
          id: `settings:mode:${mode}`,
          group: 'Settings',
          label: `Set ${selected.name} to ${mode === 'semi_auto' ? 'semi-automatic' : mode}`,
          keywords: 'mode autonomy',
          run: () => void api.modes.set({ agentId: selected.id, mode }),
        });
      }
    }

    // Decisions: open, approve (a high-risk one after a confirmation), reject.
    for (const d of decisions) {
      const agent = names.get(d.agentId) ?? d.agentId;
      const risky = isHighRisk(d);
      add({ id: `decision:${d.agentId}:${d.id}`, group: 'Decisions', label: d.summary, hint: agent, run: () => (actions.setView('decisions'), actions.setFocusDecisionId(d.id)) });
      add({
        id: `approve:${d.agentId}:${d.id}`,
        group: 'Decisions',
        label: `Approve: ${d.summary}`,
        hint: risky ? `${agent} · high risk` : agent,
        ...(risky
          ? { confirm: { title: 'Confirm a high-risk approval', detail: `${agent} will go ahead with: ${d.summary}. ${agent} marked this high risk.`, confirmLabel: 'Approve anyway' } }
          : {}),
        // Held for Undo like an answer from the card: one triage model wherever it is given.
        run: () => holdAnswers([d], 'approved'),
      });
      add({ id: `reject:${d.agentId}:${d.id}`, group: 'Decisions', label: `Reject: ${d.summary}`, hint: agent, run: () => holdAnswers([d], 'rejected') });
    }

    // Alerts: the focused one's actions first, then every open alert's.
    const ordered = [...alerts].sort((a, b) => Number(b.id === focusAlertId) - Number(a.id === focusAlertId));
    for (const a of ordered) {
      const agent = a.agentId ? (names.get(a.agentId) ?? a.agentId) : null;
      const hint = [a.severity, agent, a.id === focusAlertId ? 'focused' : null].filter(Boolean).join(' · ');
      add({ id: `alert:${a.id}`, group: 'Alerts', label: a.title, hint, run: () => actions.open({ kind: 'alert', id: a.id }) });
      if (a.state === 'firing') {
        add({ id: `alert:ack:${a.id}`, group: 'Alerts', label: `Acknowledge alert: ${a.title}`, hint, shortcut: a.id === focusAlertId ? keysOf(SHORTCUTS.alertAcknowledge) : undefined, run: () => void api.alerts.acknowledge({ id: a.id }) });
      }
      add({ id: `alert:resolve:${a.id}`, group: 'Alerts', label: `Resolve alert: ${a.title}`, hint, shortcut: a.id === focusAlertId ? keysOf(SHORTCUTS.alertResolve) : undefined, run: () => void api.alerts.resolve({ id: a.id }) });
      if (a.dedupeKey && !a.silenced) {
        add({
          id: `alert:silence:${a.id}`,
          group: 'Alerts',
          label: `Silence alert for 1 hour: ${a.title}`,
          hint,
          shortcut: a.id === focusAlertId ? keysOf(SHORTCUTS.alertSilence) : undefined,
          keywords: 'mute snooze',
          run: () => void api.silences.add({ matcher: 'dedupe_key', value: a.dedupeKey, reason: 'Silenced for an hour from the command palette', durationS: SILENCE_S }),
        });
      }
    }

    for (const agent of agents) add({ id: `agent:${agent.id}`, group: 'Agents', label: agent.name, hint: `${agent.role} · ${agent.department}`, run: () => actions.selectAgent(agent.id) });
    for (const c of conversations) {
      const ref = parseConversationId(c.id);
      if (ref.kind === 'direct') continue;
      add({ id: `conversation:${c.id}`, group: 'Conversations', label: c.title, hint: ref.kind === 'other' ? ref.prefix : ref.kind, run: () => actions.open({ kind: 'conversation', id: c.id }) });
    }
    return items;
  }, [open, agents, decisions, endpoints, selected, focusAlertId, alerts, conversations, notificationSettings, actions]);
}
