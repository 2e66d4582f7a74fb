import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALERTS, DECISIONS, storyBeats } from '../../src/agent-kit/demo/activity-plan';
import { PERSONAS } from '../../src/agent-kit/demo/personas';
import { SALES } from '../../src/agent-kit/demo/story-figures';

/** Every sentence of the demo that states a figure: persona facts and insights, alerts, decisions, story statuses. */
function demoText(): string[] {
  return [
    ...PERSONAS.flatMap((p) => [...p.knowledge.map((k) => k.fact), ...p.insights, ...p.routine.map(([, detail]) => detail)]),
    ...ALERTS.flatMap((a) => [a.title, a.body]),
    ...DECISIONS.flatMap((d) => [d.summary, d.reasoning]),
    ...storyBeats(PERSONAS)
      .flat()
      .flatMap((b) => (b.kind === 'status' ? [b.detail] : b.kind === 'insight' ? [b.text] : [])),
  ];
}

test('the demo tells one story: every coverage it states now is the same figure, and the pipeline math holds', () => {
  assert.equal(SALES.coverage, 1.8);
  assert.equal(Math.round((SALES.pipelineUsd / SALES.targetUsd) * 10) / 10, SALES.coverage);
  assert.equal(SALES.pipelineBeforeUsd - SALES.contosoUsd - SALES.fabrikamUsd, SALES.pipelineUsd);
  for (const text of demoText()) {
    // "coverage is 1.8x" / "fell to 1.8x" / "Coverage is 1.8x now"; "down from 2.4x" states the past and is allowed.
    for (const match of text.matchAll(/coverage (?:is|fell to) (\d+(?:\.\d+)?)x/gi)) {
      assert.equal(Number(match[1]), SALES.coverage, text);
    }
    for (const match of text.matchAll(/Contoso expansion \(\$(\d+)k\)/g)) assert.equal(Number(match[1]) * 1000, SALES.contosoUsd, text);
    for (const match of text.matchAll(/Fabrikam \(\$(\d+)k\)/g)) assert.equal(Number(match[1]) * 1000, SALES.fabrikamUsd, text);
  }
  // The metrics agree with the words: the story's coverage metric and the CSO's own series.
  const storyMetric = storyBeats(PERSONAS)
    .flat()
    .find((b) => b.kind === 'metric' && b.name === 'pipeline_coverage');
  assert.equal(storyMetric && 'value' in storyMetric ? storyMetric.value : null, SALES.coverage);
  const cso = PERSONAS.find((p) => p.card.id === 'cso-twin')!;
  const series = cso.metrics.find((m) => m.name === 'pipeline_coverage')!;
  assert.equal(series.base, SALES.coverage);
  assert.ok(series.base + series.spread < 2, 'the CSO never reports coverage at 2x or above');
  const contoso = DECISIONS.find((d) => d.key === 'contoso-discount')!;
  assert.equal(contoso.context.amount_usd, SALES.contosoUsd);
});
