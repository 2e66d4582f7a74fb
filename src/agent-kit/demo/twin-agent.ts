/**
 * Turns a persona into an agent: a handler per intent that streams a reply built from the persona's knowledge (or,
 * when a model endpoint is configured, the model's answer to chat), and follow-ups to the operator's decisions.
 */
import { directConversationId, OPERATOR_ID } from '../../shared/domain';
import type { Intent, MessageFrame } from '../../shared/protocol';
import type { AgentDefinition, AgentHandle, IntentHandler } from '../agent-definition';
import { type OpenAiChatConfig, openAiChatHandler } from '../openai-chat';
import type { Persona } from './personas';
import { chunkText, composeReply } from './reply-composer';
import type { Scheduler } from './scheduler';

export interface TwinOptions {
  seed: number;
  scheduler: Scheduler;
  /** Pause between streamed pieces, so the operator sees the reply being written. */
  streamDelayMs: number;
  /** When set, chat goes to this OpenAI-compatible endpoint instead of the templates. */
  model: OpenAiChatConfig | null;
}

export function twinAgent(persona: Persona, options: TwinOptions): AgentDefinition {
  const templated = (intent: Intent): IntentHandler => async (message: MessageFrame, agent: AgentHandle) => {
    const stream = agent.stream(message);
    for (const piece of chunkText(composeReply(persona, intent, message.text ?? '', options.seed))) {
      stream.write(piece);
      // A closed fleet stops mid-sentence rather than writing to sockets that are gone.
      if (!(await options.scheduler.sleep(options.streamDelayMs))) return;
    }
    stream.end();
  };
  const intents: Partial<Record<Intent, IntentHandler>> = {};
  for (const intent of persona.card.intents ?? ['chat']) intents[intent] = templated(intent);
  if (options.model) {
    intents.chat = openAiChatHandler({
      config: options.model,
      systemPrompt: systemPrompt(persona),
      onFailure: (error, message) =>
        `(model unavailable: ${error.message}) ${composeReply(persona, 'chat', message.text ?? '', options.seed)}`,
    });
  }
  return {
    card: persona.card,
    intents,
    onDecisionResult: (result, agent) => {
      const approved = result.outcome === 'approved';
      agent.status(approved ? 'intervening' : 'monitoring', approved ? 'Carrying out the approved action' : 'Holding off, as decided');
      agent.send({
        // One follow-up per decision: the console re-sends a settled result when the agent proposes it again after a
        // restart, and drops this message as a duplicate instead of showing the thanks twice.
        id: `${result.id}-result`,
        conversation_id: directConversationId(agent.id),
        to: OPERATOR_ID,
        intent: 'share_insights',
        text: approved
          ? `Approved, thank you. Carrying it out now and I will report the effect.${result.comment ? ` Noted: "${result.comment}".` : ''}`
          : `Understood, I will not go ahead.${result.comment ? ` Noted: "${result.comment}".` : ''}`,
        data: { decision_id: result.id, outcome: result.outcome },
      });
    },
  };
}

function systemPrompt(persona: Persona): string {
  return [
    `You are the ${persona.card.name}, the digital twin of the ${persona.card.role} of a software company, Northwind Labs.`,
    persona.card.description ?? '',
    'Answer in at most three sentences, with numbers where you have them. What you know:',
    ...persona.knowledge.map((k) => `- ${k.fact}`),
    `Roadmap: ${persona.roadmap.join('; ')}.`,
  ].join('\n');
}
