import type { ApiError } from '../../../../shared/contract';
import type { Endpoint } from '../../../../shared/domain';
import { api } from '../../lib/api';
import { type LiveSource, useLiveCollection } from '../../lib/use-live-collection';

const endpointsSource: LiveSource<Endpoint> = {
  load: () => api.endpoints.list(),
  onChanged: (listener) => api.onEndpointChanged(listener),
  onRemoved: (listener) => api.onEndpointRemoved(({ id }) => listener(id)),
  keyOf: (endpoint) => endpoint.id,
};

/** Every endpoint the console dials, kept live by `endpoint:changed` / `endpoint:removed`. */
export function useEndpoints(): { endpoints: Endpoint[]; error: ApiError | null } {
  const { items, error } = useLiveCollection(endpointsSource);
  return { endpoints: items, error };
}
