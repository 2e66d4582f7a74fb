/**
 * Serves one A2A agent over HTTP with the official SDK's server: its card at /.well-known/agent-card.json, JSON-RPC
 * (with SSE streaming) at /. The demo fleet's A2A twin and the tests' A2A agents are built on this, so the console
 * is always exercised against the SDK's own wire, never a hand-rolled imitation.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { A2A_PROTOCOL_VERSION, AGENT_CARD_PATH, type AgentCard, type AgentSkill } from '@a2a-js/sdk';
import { type AgentExecutor, DefaultRequestHandler, InMemoryTaskStore, type TaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import express from 'express';

export interface A2aAgentServerOptions {
  name: string;
  description: string;
  version?: string;
  provider?: string;
  skills?: Array<Pick<AgentSkill, 'id' | 'name' | 'description'>>;
  executor: AgentExecutor;
  /** When set, every JSON-RPC call must carry `Authorization: Bearer <token>`; the card says so in securitySchemes. */
  bearerToken?: string;
  streaming?: boolean;
  host?: string;
  /** 0 picks a free port; a fixed port lets a test stop the agent and bring it back at the same URL. */
  port?: number;
  /** Kept across a stop and restart, so a task that was running can be read back afterwards. */
  taskStore?: TaskStore;
}

export interface A2aAgentServer {
  /** Base URL: the console fetches `<url>/.well-known/agent-card.json`. */
  readonly url: string;
  readonly port: number;
  readonly taskStore: TaskStore;
  close(): Promise<void>;
}

export async function serveA2aAgent(options: A2aAgentServerOptions): Promise<A2aAgentServer> {
  const host = options.host ?? '127.0.0.1';
  const taskStore = options.taskStore ?? new InMemoryTaskStore();
  const app = express();
  const server = await listen(app, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  const card = agentCard(options, url);
  const requestHandler = new DefaultRequestHandler(card, taskStore, options.executor);
  app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: requestHandler }));
  if (options.bearerToken !== undefined) {
    const expected = `Bearer ${options.bearerToken}`;
    app.use((req, res, next) => {
      if (req.headers.authorization === expected) return next();
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
    });
  }
  app.use(jsonRpcHandler({ requestHandler, userBuilder: UserBuilder.noAuthentication }));
  return {
    url,
    port,
    taskStore,
    close: () =>
      new Promise<void>((resolve) => {
        // Open SSE streams would keep close() waiting for ever: end them with the server.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function agentCard(options: A2aAgentServerOptions, url: string): AgentCard {
  const bearer = options.bearerToken !== undefined;
  return {
    name: options.name,
    description: options.description,
    supportedInterfaces: [{ url: `${url}/`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION }],
    provider: { organization: options.provider ?? 'Twin Console agent kit', url: 'https://twinconsole.invalid' },
    version: options.version ?? '1.0.0',
    capabilities: { streaming: options.streaming ?? true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: bearer
      ? { bearer: { scheme: { $case: 'httpAuthSecurityScheme', value: { description: 'Bearer token', scheme: 'Bearer', bearerFormat: '' } } } }
      : {},
    securityRequirements: bearer ? [{ schemes: { bearer: { list: [] } } }] : [],
    defaultInputModes: ['text'],
    defaultOutputModes: ['text'],
    skills: (options.skills ?? []).map((s) => ({ ...s, tags: [], examples: [], inputModes: [], outputModes: [], securityRequirements: [] })),
    documentationUrl: '',
    signatures: [],
  };
}

function listen(app: express.Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}
