import type { ApiError } from '@shared/contract';
import type { Endpoint } from '@shared/domain';
import { liveList } from '../../lib/live-list';
import { useQuery } from '../../lib/use-query';

const endpointsQuery = liveList({
  channel: 'endpoints:list',
  request: {},
  changed: 'endpoint:changed',
  keyOf: (endpoint) => endpoint.id,
  removed: { event: 'endpoint:removed', keyOf: ({ id }) => id },
});

/** Every endpoint the console dials, kept live by `endpoint:changed` / `endpoint:removed`. */
export function useEndpoints(): { endpoints: Endpoint[]; error: ApiError | null } {
  const { data, error } = useQuery(endpointsQuery);
  return { endpoints: data ?? [], error };
}
