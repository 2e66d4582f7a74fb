/**
 * The demo company's numbers, in one place: every persona fact, alert, decision and metric that states one of them is
 * written from these, so the CSO's answer, its own alert and the forecaster's metric can never disagree again.
 */

const CONTOSO_EXPANSION_USD = 620_000;
const FABRIKAM_USD = 430_000;
const TARGET_USD = 1_750_000;
/** The Q4 pipeline before the two deals slipped, and now. */
const PIPELINE_BEFORE_USD = 4_200_000;
const PIPELINE_USD = PIPELINE_BEFORE_USD - CONTOSO_EXPANSION_USD - FABRIKAM_USD;

const round1 = (n: number) => Math.round(n * 10) / 10;
export const millions = (usd: number) => `$${round1(usd / 1_000_000) === usd / 1_000_000 ? usd / 1_000_000 : (usd / 1_000_000).toFixed(2)}M`;
const thousands = (usd: number) => `$${Math.round(usd / 1000)}k`;

export const SALES = {
  targetUsd: TARGET_USD,
  pipelineUsd: PIPELINE_USD,
  pipelineBeforeUsd: PIPELINE_BEFORE_USD,
  /** Coverage now (after the slip), and before it. */
  coverage: round1(PIPELINE_USD / TARGET_USD),
  coverageBefore: round1(PIPELINE_BEFORE_USD / TARGET_USD),
  /** Coverage if the Contoso expansion is pulled back into Q4 (the CSO's decision). */
  coverageWithContoso: round1((PIPELINE_USD + CONTOSO_EXPANSION_USD) / TARGET_USD),
  contosoUsd: CONTOSO_EXPANSION_USD,
  fabrikamUsd: FABRIKAM_USD,
  deals: 38,
  dealsNow: 36,
  target: millions(TARGET_USD),
  pipeline: millions(PIPELINE_USD),
  pipelineBefore: millions(PIPELINE_BEFORE_USD),
  contoso: thousands(CONTOSO_EXPANSION_USD),
  fabrikam: thousands(FABRIKAM_USD),
} as const;

export const WEBINAR = {
  viewersBefore: 1240,
  viewersAfter: 1054,
  /** The drop, in whole percent. */
  dropPct: Math.round(((1240 - 1054) / 1240) * 100),
  windowS: 120,
} as const;

export const CLOUD = {
  spendUsd: 96_000,
  budgetUsd: 89_000,
  overPct: Math.round(((96_000 - 89_000) / 89_000) * 100),
} as const;
