import { type NotificationRequest, parseConversationId } from '@shared/domain';

export type View = 'home' | 'chat' | 'alerts' | 'decisions' | 'broadcast' | 'rooms' | 'history';
/** What shows above the conversation: nothing, the structured-request composer, or the metrics. */
export type Panel = 'none' | 'request' | 'metrics';
export type OpenTarget = NotificationRequest['target'];

/** Where the operator is: the app's one piece of routing state. */
export interface NavigationState {
  view: View;
  /** The agent picked in the roster; null until the operator picks one (the first agent shows). */
  selectedId: string | null;
  focusAlertId: string | null;
  focusDecisionId: string | null;
  panel: Panel;
  paletteOpen: boolean;
}

export type NavigationAction =
  | { type: 'view'; view: View }
  | { type: 'select-agent'; agentId: string }
  | { type: 'open'; target: OpenTarget }
  | { type: 'focus-decision'; id: string | null; show?: boolean }
  | { type: 'panel'; panel: Panel; toggle?: boolean }
  | { type: 'palette'; open: boolean | 'toggle' };

/** The app opens on home: what needs the operator, at a glance. */
export const START: NavigationState = {
  view: 'home',
  selectedId: null,
  focusAlertId: null,
  focusDecisionId: null,
  panel: 'none',
  paletteOpen: false,
};

export function navigate(state: NavigationState, action: NavigationAction): NavigationState {
  switch (action.type) {
    case 'view':
      return { ...state, view: action.view };
    case 'select-agent':
      return { ...state, selectedId: action.agentId, view: 'chat' };
    case 'open':
      return open(state, action.target);
    case 'focus-decision':
      return { ...state, focusDecisionId: action.id, view: action.show ? 'decisions' : state.view };
    case 'panel':
      return { ...state, panel: action.toggle && state.panel === action.panel ? 'none' : action.panel };
    case 'palette':
      return { ...state, paletteOpen: action.open === 'toggle' ? !state.paletteOpen : action.open };
  }
}

/** "Show me this" (a clicked notification, a palette item): an alert in the inbox, or the conversation it names. */
function open(state: NavigationState, target: OpenTarget): NavigationState {
  if (target.kind === 'alert') return { ...state, focusAlertId: target.id, view: 'alerts' };
  if (target.kind === 'decision') return { ...state, focusDecisionId: target.id, view: 'decisions' };
  const ref = parseConversationId(target.id);
  if (ref.kind === 'direct') return { ...state, selectedId: ref.agentId, view: 'chat' };
  if (ref.kind === 'room') return { ...state, view: 'rooms' };
  return state;
}
