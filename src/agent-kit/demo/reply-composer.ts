/**
 * Builds a demo twin's answer from templates and the persona's own knowledge. The same question, intent and seed
 * always give the same answer, so demos are repeatable and tests can assert on replies.
 */
import type { Intent } from '../../shared/protocol';
import type { Persona } from './personas';
import { hash } from './seeded-random';

const OPENERS = ['', 'Short answer: ', 'Here is where we stand. ', 'From my side: '];

export function composeReply(persona: Persona, intent: Intent, question: string, seed: number): string {
  const lower = question.toLowerCase();
  const choose = <T>(items: readonly T[], salt: string): T => items[hash(`${seed}:${salt}:${lower}`) % items.length] as T;
  const known = persona.knowledge.find((k) => k.keywords.some((keyword) => lower.includes(keyword)));
  switch (intent) {
    case 'get_roadmap':
      return `Roadmap for ${persona.card.name}:\n${persona.roadmap.map((item, i) => `${i + 1}. ${item}`).join('\n')}`;
    case 'capability_query':
      return `I am the ${persona.card.role} twin. I can help with ${(persona.card.capabilities ?? []).join(', ')}; I handle ${(persona.card.intents ?? ['chat']).join(', ')}.`;
    case 'health_check':
      return `${persona.card.name} is healthy: knowledge base of ${persona.knowledge.length} topics loaded, replies from templates.`;
    case 'share_insights':
      return `Insight: ${choose(persona.insights, 'insight')}`;
    case 'assign_task':
      return `Task accepted: "${question.trim().slice(0, 200)}". ${known ? `Context I will use: ${known.fact}` : 'I will report back when it is done.'}`;
    case 'request_review':
      return `Review notes: ${known ? `this touches what I know: ${known.fact}` : choose(persona.fallbacks, 'review')} Overall: looks sound, with one risk to watch.`;
    case 'provide_feedback':
      return `Thanks for the feedback, I will adjust. ${choose(persona.fallbacks, 'feedback')}`;
    case 'request_knowledge':
    case 'chat':
      if (known) return `${choose(OPENERS, 'opener')}${known.fact}`;
      return choose(persona.fallbacks, 'fallback');
  }
}

/** Splits text into streaming pieces of a few words, keeping the spaces so the pieces join back exactly. */
export function chunkText(text: string, wordsPerChunk = 3): string[] {
  const words = text.match(/\S+\s*/g) ?? [];
  const chunks: string[] = [];
  const lead = text.match(/^\s*/)?.[0] ?? '';
  for (let i = 0; i < words.length; i += wordsPerChunk) chunks.push(words.slice(i, i + wordsPerChunk).join(''));
  if (chunks.length === 0) return text.length > 0 ? [text] : [];
  chunks[0] = lead + chunks[0];
  return chunks;
}
