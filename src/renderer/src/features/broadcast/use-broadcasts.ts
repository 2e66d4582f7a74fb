import { useEffect, useState } from 'react';
import type { Broadcast } from '../../../../shared/domain';
import { api } from '../../lib/api';

/** Recent broadcasts, newest first, kept live by `broadcast:changed`. */
export function useBroadcasts(): Broadcast[] {
  const [byId, setById] = useState<Map<string, Broadcast>>(new Map());
  useEffect(() => {
    let alive = true;
    const off = api.onBroadcastChanged((b) => setById((current) => new Map(current).set(b.id, b)));
    void api.broadcasts.list({ limit: 20 }).then((result) => {
      if (alive && result.ok) setById((current) => new Map([...result.value.map((b) => [b.id, b] as const), ...current]));
    });
    return () => {
      alive = false;
      off();
    };
  }, []);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}
