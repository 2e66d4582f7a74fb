import type { StreamingReply } from '@shared/domain';
import { onEvent, type QuerySpec } from '../../lib/query-cache';
import { removeKeys, upsert } from '../../lib/upsert';

const idOf = (reply: StreamingReply) => reply.id;

/** Replies being streamed into one conversation: state only events build, so a local cache entry. */
export function streamingQuery(conversationId: string): QuerySpec<StreamingReply[]> {
  return {
    key: `local:streaming ${conversationId}`,
    initial: [],
    // A reply cut off while the page was disconnected would stream forever; after the gap, the log has its end.
    resetOnResync: true,
    merges: [
      onEvent('message:streamed', (replies: StreamingReply[], batch) =>
        upsert(replies, batch.filter((reply) => reply.conversationId === conversationId), idOf),
      ),
      // The final message (or the interrupted partial) is logged: from then on the conversation shows that instead.
      onEvent('message:changed', (replies: StreamingReply[], batch) => removeKeys(replies, batch.map((m) => m.id), idOf)),
    ],
  };
}
