import { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { type Message, OPERATOR_ID } from '../../../../shared/domain';
import type { MessageFrame } from '../../../../shared/protocol';

/** Protocol v1's `message` frame for an operator message, addressed with `agent_id` on a gateway. */
export function toWireMessage(message: Message, isGateway: boolean, replyTimeoutS: number | null): MessageFrame {
  return {
    type: 'message',
    ...(isGateway ? { agent_id: message.agentId } : {}),
    id: message.id,
    conversation_id: message.conversationId,
    from: OPERATOR_ID,
    to: message.agentId,
    intent: message.intent,
    ...(message.text === null ? {} : { text: message.text }),
    ...(message.data === null ? {} : { data: message.data }),
    priority: message.priority,
    ...(replyTimeoutS == null ? {} : { requires_response: true, response_timeout_s: replyTimeoutS }),
    ...(message.replyTo === null ? {} : { reply_to: message.replyTo }),
    timestamp: new Date(message.createdAt).toISOString(),
  };
}

/**
 * An `ack` (the console's most frequent frame, one per message), spelled out by hand rather than through
 * JSON.stringify of a frame object.
 */
export function ackFrameText(id: string, agentId: string, isGateway: boolean): string {
  return isGateway
    ? `{"type":"ack","id":${JSON.stringify(id)},"agent_id":${JSON.stringify(agentId)}}`
    : `{"type":"ack","id":${JSON.stringify(id)}}`;
}

/**
 * The TCP socket under a ws socket, to cork a batch of writes into one. ws does not expose it, so this reaches for
 * its `_socket` (stable across ws 8) and returns null if that is ever gone.
 */
export function tcpSocketOf(socket: WebSocket | null): Duplex | null {
  const tcp = (socket as unknown as { _socket?: unknown } | null)?._socket;
  return tcp instanceof Duplex ? tcp : null;
}

export function rawToBuffer(data: WebSocket.RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

export function describeSocketError(error: Error & { code?: string }, url: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `Nothing is listening at ${url}. Check the agent is running and the URL is right; retrying.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host in ${url} cannot be resolved. Check the URL; retrying.`;
    default:
      return `${error.message}; retrying.`;
  }
}

export function describeRefusal(statusCode: number | undefined): string {
  return statusCode === 401 || statusCode === 403
    ? `The agent refused the connection (HTTP ${statusCode}): check the bearer token; retrying.`
    : `The agent answered HTTP ${statusCode} instead of a WebSocket upgrade; retrying.`;
}
