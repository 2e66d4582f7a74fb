import { useLayoutEffect, useRef } from 'react';
import type { Agent } from '../../../../shared/domain';
import { directConversationId } from '../../../../shared/domain';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LinkStateDot, linkStateLabel } from '../../ui/LinkStateDot';
import { Composer } from './Composer';
import { MessageBubble } from './MessageBubble';
import { StreamingReplies } from './StreamingReply';
import { useConversation } from './use-conversation';

/** The operator's direct conversation with one agent: history from the log, live updates, and the composer. */
export function ConversationView({ agent }: { agent: Agent }) {
  const conversationId = directConversationId(agent.id);
  const { messages, hasOlder, loading, error, loadOlder } = useConversation(conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // Follow new messages only while the operator is at the bottom; never yank them away from what they are reading.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  return (
    <section className="conversation" aria-label={`Conversation with ${agent.name}`}>
      <header className="conversation-header">
        <div>
          <h2>{agent.name}</h2>
          <span className="muted">
            {agent.role} · {agent.department}
          </span>
        </div>
        <span className="link-status">
          <LinkStateDot state={agent.linkState} /> {linkStateLabel(agent.linkState)}
        </span>
      </header>
      <ErrorNotice error={error} />
      <div
        className="message-list"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {hasOlder && (
          <button type="button" className="link-button load-older" onClick={loadOlder} disabled={loading}>
            Load older messages
          </button>
        )}
        {!loading && messages.length === 0 && (
          <p className="muted empty">No messages yet. Say hello to {agent.name}.</p>
        )}
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} agentName={agent.name} />
        ))}
        <StreamingReplies conversationId={conversationId} agentName={agent.name} />
      </div>
      <Composer agentId={agent.id} agentName={agent.name} conversationId={conversationId} />
    </section>
  );
}
