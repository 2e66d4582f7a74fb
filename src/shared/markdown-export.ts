import type { Message } from './domain';

/**
 * One message as Markdown, the same whether a whole log is exported to a file (core) or a few selected messages are
 * copied (renderer): who to whom, when, where, the intent unless chat, and the text quoted.
 */
export function markdownMessage(message: Message, agentName: string | null, conversationTitle: string | null): string {
  const m = message;
  const who = m.direction === 'out' ? `You → ${agentName ?? m.agentId}` : `${agentName ?? m.agentId} → You`;
  const intent = m.intent === 'chat' ? '' : ` · \`${m.intent}\``;
  const body = (m.text ?? (m.data ? JSON.stringify(m.data) : '')).replace(/\n/g, '\n> ');
  return `**${escapeMarkdown(who)}** · ${new Date(m.createdAt).toISOString()} · ${escapeMarkdown(conversationTitle ?? m.conversationId)}${intent}\n> ${body}\n\n`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([*_`[\]])/g, '\\$1');
}
