import { useEffect, useState } from 'react';
import type { AgentModeState } from '../../../../shared/domain';
import { api } from '../../lib/api';

/** Every agent's mode as the console last set it; agents not in the map are manual. */
export function useModes(): ReadonlyMap<string, AgentModeState> {
  const [modes, setModes] = useState<Map<string, AgentModeState>>(new Map());
  useEffect(() => {
    const off = api.onModeChanged((state) => setModes((current) => new Map(current).set(state.agentId, state)));
    void api.modes.list().then((result) => {
      if (result.ok) setModes((current) => new Map([...result.value.map((m) => [m.agentId, m] as const), ...current]));
    });
    return off;
  }, []);
  return modes;
}
