import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBeats, storyBeats } from '../../src/agent-kit/demo/activity-plan';
import { generatedPersonas } from '../../src/agent-kit/demo/generated-agents';
import { PERSONAS, persona } from '../../src/agent-kit/demo/personas';
import { chunkText, composeReply } from '../../src/agent-kit/demo/reply-composer';

const take = (seed: number, n: number) => {
  const next = randomBeats(seed, [...PERSONAS, ...generatedPersonas(20, seed)]);
  return Array.from({ length: n }, next);
};

test('the same seed plans the same activity, another seed a different one', () => {
  assert.deepEqual(take(7, 300), take(7, 300));
  assert.notDeepEqual(take(7, 300), take(8, 300));
});

test('a plan mixes statuses, metrics, alerts, resolutions, decisions and insights, and never resolves what is not firing', () => {
  const beats = take(7, 2000);
  const kinds = new Set(beats.map((b) => b.kind));
  assert.deepEqual([...kinds].sort(), ['alert', 'decision', 'insight', 'metric', 'resolve', 'status']);
  // The random stream continues the story: what the story raised is firing when it starts.
  const story = storyBeats(PERSONAS).flat();
  const firing = new Set(story.flatMap((b) => (b.kind === 'alert' ? [b.key] : [])));
  for (const beat of beats) {
    if (beat.kind === 'alert') firing.add(beat.key);
    if (beat.kind === 'resolve') assert.ok(firing.delete(beat.key), `resolved ${beat.key} while not firing`);
  }
  const decisions = beats.filter((b) => b.kind === 'decision').map((b) => b.key);
  assert.equal(new Set(decisions).size, decisions.length, 'a decision is proposed once');
  for (const beat of story) if (beat.kind === 'decision') assert.ok(!decisions.includes(beat.key), `the story's ${beat.key} is not proposed again`);
});

test('the story raises the coverage alert and proposes the poll with its reasoning and confidence', () => {
  const beats = storyBeats(PERSONAS).flat();
  const alert = beats.find((b) => b.kind === 'alert');
  assert.equal(alert?.kind === 'alert' && alert.title, 'Pipeline coverage below 2x');
  const decision = beats.find((b) => b.kind === 'decision');
  assert.ok(decision?.kind === 'decision');
  assert.match(decision.reasoning, /Engagement dropped 15% in 2 minutes/);
  assert.ok(decision.confidence > 0 && decision.confidence < 1);
  assert.deepEqual(storyBeats(PERSONAS), storyBeats(PERSONAS));
});

test('replies come from the persona knowledge, stable per question and seed, and stream back exactly', () => {
  const cmo = persona('cmo-twin');
  assert.match(composeReply(cmo, 'chat', 'How is the campaign doing?', 1), /Ship Faster/);
  assert.equal(composeReply(cmo, 'chat', 'anything new?', 1), composeReply(cmo, 'chat', 'anything new?', 1));
  assert.match(composeReply(persona('cto-twin'), 'get_roadmap', '', 1), /1\. Twin marketplace beta/);
  assert.match(composeReply(persona('seo-agent'), 'capability_query', '', 1), /keyword research/);
  const text = '  Q4 pipeline is $4.2M across 38 deals;  coverage is 2.4x.';
  assert.equal(chunkText(text).join(''), text);
  assert.ok(chunkText(text).length > 2);
});

test('generated agents have unique ids and the same cards for the same seed', () => {
  const a = generatedPersonas(500, 3);
  assert.equal(new Set(a.map((p) => p.card.id)).size, 500);
  assert.deepEqual(a, generatedPersonas(500, 3));
});
