import type { StreamingReply } from '@shared/domain';
import { useQuery } from '../../lib/use-query';
import { streamingQuery } from './streaming-query';

/**
 * Replies being streamed into one conversation, by id. A reply leaves this list when its final message (or its
 * interrupted partial) is logged: from then on the conversation shows the logged message instead.
 */
export function useStreaming(conversationId: string): StreamingReply[] {
  return useQuery(streamingQuery(conversationId)).data ?? [];
}
