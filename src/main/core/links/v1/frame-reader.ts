import { isUtf8 } from 'node:buffer';
import type WebSocket from 'ws';
import { AgentToConsoleFrame, describeZodError, type ErrorCode, PROTOCOL_VERSION } from '../../../../shared/protocol';
import { checkBounds, refOnly } from './frame-bounds';
import { fastMessageFrame } from './message-fast-path';
import { rawToBuffer } from './wire';

export type ReadResult =
  | { ok: true; frame: AgentToConsoleFrame; json: unknown }
  /** `json` is the parsed frame when it got that far, so the error can name its id and agent. */
  | { ok: false; code: ErrorCode; message: string; json: unknown };

/**
 * Turns one WebSocket message into a validated protocol v1 frame, or the error code to answer it with. Total:
 * whatever the bytes, it returns (the socket's own UTF-8 check is off, so a bad text frame is answered here
 * instead of closing the link).
 */
export function readFrame(data: WebSocket.RawData, isBinary: boolean, maxFrameBytes: number): ReadResult {
  if (isBinary) return { ok: false, code: 'BINARY_NOT_SUPPORTED', message: 'Frames must be JSON text frames.', json: null };
  const bytes = rawToBuffer(data);
  if (bytes.length > maxFrameBytes) {
    return { ok: false, code: 'FRAME_TOO_LARGE', message: `Frame is ${bytes.length} bytes; the limit is ${maxFrameBytes}.`, json: null };
  }
  if (!isUtf8(bytes)) return { ok: false, code: 'INVALID_UTF8', message: 'Text frame is not valid UTF-8.', json: null };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, code: 'INVALID_JSON', message: `Frame is not valid JSON: ${(error as Error).message}`, json: null };
  }
  // The common message frame, checked by hand (it is within every bound by construction); the rest by the schema.
  const message = fastMessageFrame(json);
  if (message !== null) return { ok: true, frame: message, json };
  const overLimit = checkBounds(json);
  if (overLimit) return { ok: false, code: 'SCHEMA_MISMATCH', message: `Frame is over a limit: ${overLimit}.`, json: refOnly(json) };
  const parsed = AgentToConsoleFrame.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'SCHEMA_MISMATCH',
      message: `Frame does not match protocol v${PROTOCOL_VERSION}: ${describeZodError(parsed.error)}`,
      json,
    };
  }
  return { ok: true, frame: parsed.data, json };
}

/** The id (as an error's `ref`, capped) and agent_id a rejected frame names, when it got far enough to name them. */
export function idsOf(json: unknown): { ref?: string; agentId?: string } {
  const record = typeof json === 'object' && json !== null ? (json as { id?: unknown; agent_id?: unknown }) : {};
  return {
    ...(typeof record.id === 'string' ? { ref: record.id.slice(0, 200) } : {}),
    ...(typeof record.agent_id === 'string' ? { agentId: record.agent_id } : {}),
  };
}

/** Bad frames by agent id (LINK_LEVEL when none can be named), then by code, since the console started. */
export class BadFrameCounts {
  private readonly byAgent = new Map<string, Map<ErrorCode, number>>();

  add(agentId: string, code: ErrorCode): void {
    let counts = this.byAgent.get(agentId);
    if (!counts) this.byAgent.set(agentId, (counts = new Map()));
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }

  /** Counts by code for one agent, or for the whole link when agentId is undefined. */
  summary(agentId?: string): Record<string, number> {
    const counts: Record<string, number> = {};
    const add = (map: Map<ErrorCode, number> | undefined) => {
      for (const [code, n] of map ?? []) counts[code] = (counts[code] ?? 0) + n;
    };
    if (agentId === undefined) for (const map of this.byAgent.values()) add(map);
    else add(this.byAgent.get(agentId));
    return counts;
  }
}

/** The agent a frame belongs to: its `agent_id` if this link carries it, or the link's only agent on a direct link. */
export function resolveAgent(agents: ReadonlyMap<string, unknown>, isGateway: boolean, agentId: string | undefined): string | undefined {
  if (agentId === undefined) return isGateway ? undefined : onlyAgent(agents);
  return agents.has(agentId) ? agentId : undefined;
}

export function onlyAgent(agents: ReadonlyMap<string, unknown>): string | undefined {
  return agents.size === 1 ? agents.keys().next().value : undefined;
}
