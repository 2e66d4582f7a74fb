import { Duplex } from 'node:stream';
import WebSocket from 'ws';
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

/** Dials a protocol v1 endpoint, with its bearer token if it has one. */
export function openSocket(endpoint: { url: string; token: string | null }, maxFrameBytes: number): WebSocket {
  return new WebSocket(endpoint.url, {
    headers: endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {},
    // Frames between maxFrameBytes and this hard ceiling are read, answered with FRAME_TOO_LARGE and counted;
    // only beyond it does ws itself close with 1009, so a huge frame cannot make us buffer without bound.
    maxPayload: maxFrameBytes * 4,
    handshakeTimeout: 10_000,
    // ws would close the link with 1007 on a text frame that is not UTF-8; readFrame answers it like any other
    // bad frame instead, so the frames around it (and their acks) are kept.
    skipUTF8Validation: true,
  });
}

/** Sends frames in one write (corked) instead of one syscall apiece. */
export function sendCorked(socket: WebSocket, texts: readonly string[]): void {
  // The same TCP socket is uncorked that was corked: a corked socket left behind never writes.
  const tcp = tcpSocketOf(socket);
  tcp?.cork();
  try {
    for (const text of texts) socket.send(text);
  } finally {
    tcp?.uncork();
  }
}

export function rawSize(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

export function rawToString(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
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

/** Why a link closed, for the operator; null for the ordinary closes (normal, going away, dropped). */
export function describeClose(code: number, reason: string): string | null {
  if (code === 1000 || code === 1005 || code === 1006) return null;
  return `Closed (${code}${reason.length > 0 ? `: ${reason}` : ''}); retrying.`;
}

/** UNKNOWN_AGENT's words: a frame named an agent this link does not carry, or named none on a gateway. */
export function describeUnknownAgent(agentId: string | undefined, acceptedAgents: number): string {
  if (agentId) return `Agent "${agentId}" was not announced (or was refused) in hello on this link.`;
  return acceptedAgents === 0 ? 'No agent of this link was accepted in hello.' : 'This link is a gateway: set agent_id on every frame.';
}
