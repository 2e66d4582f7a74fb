import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/contract';
import type { Endpoint } from '../../../../shared/domain';
import { api } from '../../lib/api';

/** Every endpoint the console dials, kept live by `endpoint:changed` / `endpoint:removed`. */
export function useEndpoints(): { endpoints: Endpoint[]; error: ApiError | null } {
  const [endpoints, setEndpoints] = useState<Endpoint[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let alive = true;
    const offChanged = api.onEndpointChanged((endpoint) =>
      setEndpoints((current) => {
        const index = current.findIndex((e) => e.id === endpoint.id);
        if (index === -1) return [...current, endpoint];
        const next = current.slice();
        next[index] = endpoint;
        return next;
      }),
    );
    const offRemoved = api.onEndpointRemoved(({ id }) => setEndpoints((current) => current.filter((e) => e.id !== id)));
    void api.endpoints.list().then((result) => {
      if (!alive) return;
      if (result.ok) setEndpoints(result.value);
      else setError(result.error);
    });
    return () => {
      alive = false;
      offChanged();
      offRemoved();
    };
  }, []);

  return { endpoints, error };
}
