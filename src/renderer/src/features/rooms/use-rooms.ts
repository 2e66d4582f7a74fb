import type { ApiError } from '@shared/contract';
import type { Room } from '@shared/domain';
import { liveList } from '../../lib/live-list';
import { useQuery } from '../../lib/use-query';

// The core lists rooms newest first; a room created since goes first too.
const roomsQuery = liveList({ channel: 'rooms:list', request: {}, changed: 'room:changed', keyOf: (room) => room.id, insertAt: 'start' });

/** Every room, newest first, kept live by `room:changed`. */
export function useRooms(): Room[] {
  return useQuery(roomsQuery).data ?? [];
}

/** Whether the rooms are still loading or failed to (the same cache entry as useRooms). */
export function useRoomsStatus(): { loading: boolean; error: ApiError | null } {
  const { loading, error } = useQuery(roomsQuery);
  return { loading, error };
}
