/**
 * The agent kit: the agent side of Twin Console's protocol v1 (see docs/protocol.md).
 *
 *   const server = await serveAgent({
 *     card: { id: 'ops-twin', name: 'Ops Twin', role: 'COO', department: 'Operations' },
 *     intents: { chat: (message, agent) => agent.reply(message, 'On it.') },
 *   });
 *   console.log(server.url); // give this URL to the console
 */
export type {
  AgentDefinition,
  AgentHandle,
  AlertInput,
  DecisionInput,
  DecisionResult,
  IntentHandler,
  OutgoingMessage,
  PendingDecision,
  ReplyStream,
} from './agent-definition';
export { AgentServer, type AgentServerOptions, serveAgent, serveGateway } from './agent-server';
export { type ChatTurn, openAiChat, openAiChatHandler, type OpenAiChatConfig, openAiConfigFromEnv } from './openai-chat';
