/**
 * Real models, one setting away: forwards chat to any OpenAI-compatible `/chat/completions` endpoint (a local
 * model server, a hosted API) and turns the streamed answer into `delta` frames and a final `message`.
 *
 *   TWIN_CONSOLE_OPENAI_BASE_URL  e.g. http://127.0.0.1:11434/v1 (required: without it the adapter is off)
 *   TWIN_CONSOLE_OPENAI_API_KEY   sent as `Authorization: Bearer ...` when set
 *   TWIN_CONSOLE_OPENAI_MODEL     model name (default "gpt-4o-mini")
 */
import type { MessageFrame } from '../shared/protocol';
import type { AgentHandle, IntentHandler } from './agent-definition';

export interface OpenAiChatConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Ask for server-sent events. Endpoints that ignore it and answer with one JSON body work too. */
  stream?: boolean;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export function openAiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OpenAiChatConfig | null {
  const baseUrl = env.TWIN_CONSOLE_OPENAI_BASE_URL?.trim();
  if (!baseUrl) return null;
  return {
    baseUrl,
    model: env.TWIN_CONSOLE_OPENAI_MODEL?.trim() || 'gpt-4o-mini',
    ...(env.TWIN_CONSOLE_OPENAI_API_KEY ? { apiKey: env.TWIN_CONSOLE_OPENAI_API_KEY } : {}),
  };
}

/** Yields the answer's text piece by piece as the endpoint produces it. Throws with the endpoint's words on failure. */
export async function* openAiChat(config: OpenAiChatConfig, turns: ChatTurn[]): AsyncGenerator<string> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const response = await (config.fetch ?? fetch)(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: config.stream === false ? 'application/json' : 'text/event-stream, application/json',
      ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: config.model, messages: turns, stream: config.stream !== false }),
    signal: AbortSignal.timeout(config.timeoutMs ?? 120_000),
  });
  if (!response.ok) {
    const body = (await response.text()).slice(0, 300);
    throw new Error(`${url} answered ${response.status}${body ? `: ${body}` : ''}`);
  }
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || !response.body) {
    const json = (await response.json()) as { choices?: { message?: { content?: string } }[] };
    const content = json.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error(`${url} answered without choices[0].message.content`);
    yield content;
    return;
  }
  yield* serverSentDeltas(response.body);
}

/** Reads `data: {...}` events until `data: [DONE]`, yielding each `choices[0].delta.content`. */
async function* serverSentDeltas(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') return;
      const event = JSON.parse(data) as { choices?: { delta?: { content?: string | null } }[] };
      const content = event.choices?.[0]?.delta?.content;
      if (content) yield content;
    }
  }
}

export interface OpenAiHandlerOptions {
  config: OpenAiChatConfig;
  /** Who the model plays: the agent's persona, knowledge and tone. */
  systemPrompt: string;
  /** Turns of each conversation kept as context. */
  historyTurns?: number;
  /** Called when the endpoint fails; its return value is sent as the reply instead. */
  onFailure?(error: Error, message: MessageFrame): string;
}

/** An intent handler that streams the model's answer to the console, remembering each conversation's recent turns. */
export function openAiChatHandler(options: OpenAiHandlerOptions): IntentHandler {
  const histories = new Map<string, ChatTurn[]>();
  const keep = options.historyTurns ?? 12;
  return async (message: MessageFrame, agent: AgentHandle) => {
    const history = histories.get(message.conversation_id) ?? [];
    const question: ChatTurn = { role: 'user', content: message.text ?? '' };
    const stream = agent.stream(message);
    try {
      for await (const piece of openAiChat(options.config, [{ role: 'system', content: options.systemPrompt }, ...history, question])) {
        stream.write(piece);
      }
    } catch (error) {
      const fallback = options.onFailure?.(error as Error, message) ?? `The model is unavailable: ${(error as Error).message}`;
      stream.end(fallback, { model_error: (error as Error).message });
      return;
    }
    const final = stream.end(undefined, { model: options.config.model });
    histories.set(message.conversation_id, [...history, question, { role: 'assistant' as const, content: final.text ?? '' }].slice(-keep));
  };
}
