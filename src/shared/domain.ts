/**
 * The console's own view of agents, conversations and messages, shared by core, host, preload and renderer.
 * These are what crosses IPC; the wire frames in protocol.ts are what crosses agent sockets. Times are epoch ms.
 */
import { z } from 'zod';
import { Intent, Priority, WorkState } from './protocol';

/** State of the socket behind an agent, as the console sees it. */
export const LinkState = z.enum(['connecting', 'online', 'offline']);
export type LinkState = z.infer<typeof LinkState>;

export const Endpoint = z.object({
  id: z.string(),
  url: z.string(),
  /** Whether a bearer token is configured. The token itself never leaves the core. */
  hasToken: z.boolean(),
  linkState: LinkState,
  /** Last connection problem, in words an operator can act on; null once connected. */
  lastError: z.string().nullable(),
  createdAt: z.number(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const Agent = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  department: z.string(),
  description: z.string().nullable(),
  capabilities: z.array(z.string()),
  intents: z.array(Intent),
  endpointId: z.string().nullable(),
  linkState: LinkState,
  workState: WorkState.nullable(),
  lastSeenAt: z.number().nullable(),
});
export type Agent = z.infer<typeof Agent>;

export const Conversation = z.object({
  id: z.string(),
  agentId: z.string(),
  title: z.string(),
  createdAt: z.number(),
  lastMessageAt: z.number(),
});
export type Conversation = z.infer<typeof Conversation>;

/**
 * Delivery state of a message.
 * Outgoing: queued (stored, not yet on the wire) -> sent -> delivered (agent acked).
 * Incoming: received (committed to the log, then acked to the agent).
 */
export const MessageStatus = z.enum(['queued', 'sent', 'delivered', 'received']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const Message = z.object({
  id: z.string(),
  conversationId: z.string(),
  agentId: z.string(),
  direction: z.enum(['in', 'out']),
  from: z.string(),
  to: z.string(),
  intent: Intent,
  text: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  priority: Priority,
  replyTo: z.string().nullable(),
  status: MessageStatus,
  createdAt: z.number(),
});
export type Message = z.infer<typeof Message>;

/** A page of messages in log order (oldest first), for keyset paging. */
export const MessagePage = z.object({
  messages: z.array(Message),
  /** Whether older messages exist before the first one in this page. */
  hasOlder: z.boolean(),
});
export type MessagePage = z.infer<typeof MessagePage>;

/** The operator's own address in message `from`/`to` fields. */
export const OPERATOR_ID = 'operator';

/** Id of the one-to-one conversation between the operator and an agent. */
export function directConversationId(agentId: string): string {
  return `direct:${agentId}`;
}
