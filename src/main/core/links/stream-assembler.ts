import type { ErrorCode } from '../../../shared/protocol';
import { agentScopedKey as key } from '../lib/agent-scoped-key';
import type { LinkBounds } from './link-bounds';

/** Largest partial reply kept in memory per stream: the same bound as a message's text. */
const MAX_STREAM_CHARS = 512 * 1024;

export interface OpenStream {
  id: string;
  agentId: string;
  conversationId: string;
  text: string;
  /** The link that carries it: when that link drops, the stream is interrupted. */
  linkId: string;
}

export type AppendResult = { ok: true; stream: OpenStream } | { ok: false; code: ErrorCode; message: string };

/**
 * Replies being streamed by `delta` frames, until their final `message` arrives or their link drops.
 *
 * A stream is its agent's: it is keyed by (agent id, stream id), and an id another agent has open is refused
 * instead of being appended to, restarted or completed (message ids are one id space in the log, so two agents
 * cannot both stream the same id). What one link may hold is bounded: `maxOpenStreams` streams and
 * `maxStreamedChars` characters of them, all together; beyond that a delta is refused and changes nothing.
 */
export class StreamAssembler {
  private readonly streams = new Map<string, OpenStream>();
  /** The agent that has each open stream id. */
  private readonly agentOfId = new Map<string, string>();
  private readonly usage = new Map<string, { open: number; chars: number }>();

  constructor(private readonly bounds: Pick<LinkBounds, 'maxOpenStreams' | 'maxStreamedChars'>) {}

  /** The agent streaming `id` right now, if any. */
  agentOf(id: string): string | undefined {
    return this.agentOfId.get(id);
  }

  has(agentId: string, id: string): boolean {
    return this.streams.has(key(agentId, id));
  }

  /** Appends a delta; returns the stream with its text so far, or why the delta is refused (then nothing changed). */
  append(linkId: string, agentId: string, id: string, conversationId: string, text: string): AppendResult {
    const owner = this.agentOfId.get(id);
    if (owner !== undefined && owner !== agentId) {
      return { ok: false, code: 'OUT_OF_SCOPE', message: `Stream "${id.slice(0, 200)}" is another agent's.` };
    }
    const { maxOpenStreams, maxStreamedChars } = this.bounds;
    let stream = this.streams.get(key(agentId, id));
    const usage = this.usageOfLink(linkId);
    if (!stream && usage.open >= maxOpenStreams) {
      return {
        ok: false,
        code: 'RATE_LIMITED',
        message: `This link already has ${maxOpenStreams} streams open (maxOpenStreams): finish one with its message first.`,
      };
    }
    const held = stream?.text.length ?? 0;
    const added = Math.max(0, Math.min(text.length, MAX_STREAM_CHARS - held));
    if (usage.chars + added > maxStreamedChars) {
      return {
        ok: false,
        code: 'RATE_LIMITED',
        message: `This link's open streams already hold ${usage.chars} characters; the limit is ${maxStreamedChars} (maxStreamedChars): finish a stream with its message first.`,
      };
    }
    if (!stream) {
      stream = { id, agentId, conversationId, text: '', linkId };
      this.streams.set(key(agentId, id), stream);
      this.agentOfId.set(id, agentId);
      this.hold(linkId, 1, 0);
    } else if (stream.linkId !== linkId) {
      // The agent moved to another link (reassigned) mid-stream: the stream, and what it holds, moves with it.
      this.release(stream);
      stream.linkId = linkId;
      this.hold(linkId, 1, stream.text.length);
    }
    if (added > 0) {
      stream.text += text.slice(0, added);
      this.hold(linkId, 0, added);
    }
    return { ok: true, stream };
  }

  /** The agent's final message arrived: its stream of that id is done. */
  complete(agentId: string, id: string): OpenStream | undefined {
    const stream = this.streams.get(key(agentId, id));
    if (stream) this.remove(stream);
    return stream;
  }

  /** Removes and returns every stream of a link that just dropped. */
  interruptLink(linkId: string): OpenStream[] {
    const cut = [...this.streams.values()].filter((s) => s.linkId === linkId);
    for (const stream of cut) this.remove(stream);
    return cut;
  }

  /** What a link holds now: its open streams and their characters. */
  usageOfLink(linkId: string): { open: number; chars: number } {
    const usage = this.usage.get(linkId);
    return { open: usage?.open ?? 0, chars: usage?.chars ?? 0 };
  }

  private remove(stream: OpenStream): void {
    this.streams.delete(key(stream.agentId, stream.id));
    this.agentOfId.delete(stream.id);
    this.release(stream);
  }

  private release(stream: OpenStream): void {
    const usage = this.usage.get(stream.linkId);
    if (!usage) return;
    usage.open -= 1;
    usage.chars -= stream.text.length;
    if (usage.open <= 0) this.usage.delete(stream.linkId);
  }

  private hold(linkId: string, streams: number, chars: number): void {
    let usage = this.usage.get(linkId);
    if (!usage) this.usage.set(linkId, (usage = { open: 0, chars: 0 }));
    usage.open += streams;
    usage.chars += chars;
  }
}
