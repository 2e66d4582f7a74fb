/**
 * An A2A agent on the older 0.3 wire, for the console's compatibility path: a 0.3 card (protocolVersion 0.3.0,
 * `url` + `preferredTransport`) and JSON-RPC `message/send`, `message/stream` (SSE), `tasks/get`, `tasks/cancel`, with
 * `kind`-tagged results as the 0.3 spec has them. The SDK 1.3 server speaks only 1.0, so this one is written by hand:
 * it stands for the agents built on `@a2a-js/sdk` 0.2/0.3 (VoltAgent's a2a-server, older LangGraph and ADK releases).
 * It records each JSON-RPC method it served, so a test can check which wire was spoken.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface V03Task {
  kind: 'task';
  id: string;
  contextId: string;
  status: { state: string; message?: V03Message; timestamp: string };
  artifacts: Array<{ artifactId: string; parts: Array<{ kind: 'text'; text: string }> }>;
  history: V03Message[];
}

interface V03Message {
  kind: 'message';
  role: 'user' | 'agent';
  messageId: string;
  parts: Array<{ kind: 'text'; text: string }>;
  contextId?: string;
  taskId?: string;
}

export interface A2aV03Server {
  readonly url: string;
  /** JSON-RPC methods served, in order. */
  readonly methods: string[];
  /** User messages received, in order. */
  readonly received: V03Message[];
  close(): Promise<void>;
}

export async function startA2aV03Server(options: { streaming: boolean; name?: string }): Promise<A2aV03Server> {
  const methods: string[] = [];
  const received: V03Message[] = [];
  const tasks = new Map<string, V03Task>();
  let base = '';
  const agentMessage = (text: string, contextId: string, taskId: string): V03Message => ({
    kind: 'message',
    role: 'agent',
    messageId: randomUUID(),
    parts: [{ kind: 'text', text }],
    contextId,
    taskId,
  });
  const status = (state: string, message?: V03Message) => ({ state, ...(message ? { message } : {}), timestamp: new Date().toISOString() });

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/.well-known/agent-card.json') {
      res.setHeader('content-type', 'application/json');
      return res.end(
        JSON.stringify({
          protocolVersion: '0.3.0',
          name: options.name ?? 'Legacy echo',
          description: 'Speaks A2A 0.3.',
          url: `${base}/`,
          preferredTransport: 'JSONRPC',
          version: '0.3.1',
          provider: { organization: 'Old SDK', url: 'https://legacy.invalid' },
          capabilities: { streaming: options.streaming, pushNotifications: false },
          defaultInputModes: ['text'],
          defaultOutputModes: ['text'],
          skills: [{ id: 'echo', name: 'Echo', description: 'Says it back', tags: [] }],
        }),
      );
    }
    if (req.method !== 'POST' || req.url !== '/') {
      res.statusCode = 404;
      return res.end();
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = JSON.parse(body) as { id: string | number; method: string; params: { message?: V03Message; id?: string } };
      methods.push(request.method);
      const reply = (result: unknown) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result }));
      };
      if (request.method === 'message/send' || request.method === 'message/stream') {
        const message = request.params.message!;
        received.push(message);
        const contextId = message.contextId ?? randomUUID();
        const text = message.parts.map((p) => p.text).join('');
        const task: V03Task = { kind: 'task', id: randomUUID(), contextId, status: status('submitted'), artifacts: [], history: [message] };
        tasks.set(task.id, task);
        const answer = `v0.3 echo: ${text}`;
        if (request.method === 'message/send') {
          task.status = status('completed', agentMessage(answer, contextId, task.id));
          return reply(task);
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const send = (result: unknown) => res.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id: request.id, result })}\n\n`);
        send(task);
        send({ kind: 'status-update', taskId: task.id, contextId, status: status('working'), final: false });
        const words = answer.split(/(?<= )/);
        words.forEach((word, i) =>
          send({ kind: 'artifact-update', taskId: task.id, contextId, artifact: { artifactId: 'answer', parts: [{ kind: 'text', text: word }] }, append: i > 0, lastChunk: i === words.length - 1 }),
        );
        task.artifacts = [{ artifactId: 'answer', parts: [{ kind: 'text', text: answer }] }];
        task.status = status('completed');
        send({ kind: 'status-update', taskId: task.id, contextId, status: task.status, final: true });
        return res.end();
      }
      if (request.method === 'tasks/get' || request.method === 'tasks/cancel') {
        const task = tasks.get(request.params.id ?? '');
        if (!task) {
          res.setHeader('content-type', 'application/json');
          return res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32001, message: 'Task not found' } }));
        }
        if (request.method === 'tasks/cancel') task.status = status('canceled');
        return reply(task);
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: `Method not found: ${request.method}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    methods,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
