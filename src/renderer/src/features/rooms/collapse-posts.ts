import type { Message } from '@shared/domain';

/** A post goes to every addressed member as its own message; show it once, with whom it went to. */
export function collapsePosts(messages: Message[]): { message: Message; to: string[] }[] {
  const out: { message: Message; to: string[] }[] = [];
  const byPost = new Map<string, { message: Message; to: string[] }>();
  for (const m of messages) {
    const postId = (m.data?.room as { post_id?: string } | undefined)?.post_id;
    if (m.direction === 'out' && postId) {
      const existing = byPost.get(postId);
      if (existing) {
        existing.to.push(m.agentId);
        continue;
      }
      const entry = { message: m, to: [m.agentId] };
      byPost.set(postId, entry);
      out.push(entry);
    } else out.push({ message: m, to: [] });
  }
  return out;
}
