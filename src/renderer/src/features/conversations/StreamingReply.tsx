import { useStreaming } from './use-streaming';

/** Replies still being streamed by their agent, shown live below the logged messages. */
export function StreamingReplies({ conversationId, agentName }: { conversationId: string; agentName: string }) {
  const streams = useStreaming(conversationId);
  return (
    <>
      {streams.map((reply) => (
        <article key={reply.id} className="message incoming streaming" data-message-id={reply.id} data-status="streaming">
          <header>
            <span className="sender">{agentName}</span>
            <span className="intent">typing…</span>
          </header>
          <p className="message-text">{reply.text}</p>
        </article>
      ))}
    </>
  );
}
