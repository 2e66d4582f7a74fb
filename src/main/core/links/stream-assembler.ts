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

/** Replies being streamed by `delta` frames, until their final `message` arrives or their link drops. */
export class StreamAssembler {
  private readonly streams = new Map<string, OpenStream>();

  /** Appends a delta; returns the stream with its text so far. */
  append(linkId: string, agentId: string, id: string, conversationId: string, text: string): OpenStream {
    let stream = this.streams.get(id);
    if (!stream || stream.agentId !== agentId) {
      stream = { id, agentId, conversationId, text: '', linkId };
      this.streams.set(id, stream);
    }
    stream.linkId = linkId;
    if (stream.text.length < MAX_STREAM_CHARS) stream.text = (stream.text + text).slice(0, MAX_STREAM_CHARS);
    return stream;
  }

  /** The final message arrived: the stream is done. */
  complete(id: string): OpenStream | undefined {
    const stream = this.streams.get(id);
    this.streams.delete(id);
    return stream;
  }

  /** Removes and returns every stream of a link that just dropped. */
  interruptLink(linkId: string): OpenStream[] {
    const cut = [...this.streams.values()].filter((s) => s.linkId === linkId);
    for (const stream of cut) this.streams.delete(stream.id);
    return cut;
  }
}
