import type { Message } from '../../../../shared/domain';

const STATUS_LABELS: Record<Message['status'], string> = {
  queued: 'Queued: waiting for the agent to come online',
  sent: 'Sent',
  delivered: 'Delivered',
  received: '',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function MessageBubble({ message, agentName }: { message: Message; agentName: string }) {
  const outgoing = message.direction === 'out';
  return (
    <article
      className={`message ${outgoing ? 'outgoing' : 'incoming'}`}
      data-message-id={message.id}
      data-status={message.status}
    >
      <header>
        <span className="sender">{outgoing ? 'You' : agentName}</span>
        {message.intent !== 'chat' && <span className="intent">{message.intent.replace('_', ' ')}</span>}
        <time dateTime={new Date(message.createdAt).toISOString()}>{timeFormat.format(message.createdAt)}</time>
      </header>
      <p className="message-text">{message.text}</p>
      {outgoing && <footer className={`delivery delivery-${message.status}`}>{STATUS_LABELS[message.status]}</footer>}
    </article>
  );
}
