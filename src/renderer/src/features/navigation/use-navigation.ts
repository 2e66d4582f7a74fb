import { useMemo, useReducer } from 'react';
import { navigate, type NavigationState, type OpenTarget, type Panel, START, type View } from './navigation';

export interface Navigation extends NavigationState {
  setView(view: View): void;
  selectAgent(agentId: string): void;
  open(target: OpenTarget): void;
  setFocusDecisionId(id: string | null): void;
  /** Shows the decisions view focused on this one. */
  showDecision(id: string | null): void;
  showPanel(panel: Panel): void;
  togglePanel(panel: Panel): void;
  setPaletteOpen(open: boolean): void;
  togglePalette(): void;
}

/** Where the operator is and how to go elsewhere; every action is stable, so effects can depend on them. */
export function useNavigation(): Navigation {
  const [state, dispatch] = useReducer(navigate, START);
  const actions = useMemo(
    () => ({
      setView: (view: View) => dispatch({ type: 'view', view }),
      selectAgent: (agentId: string) => dispatch({ type: 'select-agent', agentId }),
      open: (target: OpenTarget) => dispatch({ type: 'open', target }),
      setFocusDecisionId: (id: string | null) => dispatch({ type: 'focus-decision', id }),
      showDecision: (id: string | null) => dispatch({ type: 'focus-decision', id, show: true }),
      showPanel: (panel: Panel) => dispatch({ type: 'panel', panel }),
      togglePanel: (panel: Panel) => dispatch({ type: 'panel', panel, toggle: true }),
      setPaletteOpen: (open: boolean) => dispatch({ type: 'palette', open }),
      togglePalette: () => dispatch({ type: 'palette', open: 'toggle' }),
    }),
    [],
  );
  return useMemo(() => ({ ...state, ...actions }), [state, actions]);
}
