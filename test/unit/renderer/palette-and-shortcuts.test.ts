import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import {
  type PaletteItem,
  preparePalette,
  readRecent,
  rememberRecent,
  searchPalette,
  wordScore,
} from '../../../src/renderer/src/features/palette/palette-items';
import {
  chordKeys,
  matchesShortcut,
  SHORTCUT_AREAS,
  SHORTCUTS,
  shortcutsByArea,
} from '../../../src/renderer/src/features/shortcuts/shortcut-registry';
import { formatMetricValue, metricLabel } from '../../../src/renderer/src/features/metrics/metric-format';

const noop = () => {};
const item = (id: string, group: PaletteItem['group'], label: string, extra: Partial<PaletteItem> = {}): PaletteItem => ({ id, group, label, run: noop, ...extra });

const ITEMS = [
  item('view:alerts', 'Navigation', 'Go to Alerts'),
  item('view:history', 'Navigation', 'Go to History', { keywords: 'log archive' }),
  item('alert:ack:1', 'Alerts', 'Acknowledge alert: Pipeline coverage below 2x'),
  item('alert:resolve:1', 'Alerts', 'Resolve alert: Pipeline coverage below 2x'),
  item('history:export:json', 'History', 'Export all messages as JSON'),
  item('agent:seo', 'Agents', 'SEO Agent', { hint: 'SEO Specialist · Marketing' }),
  item('agent:cmo', 'Agents', 'CMO Twin', { hint: 'Chief Marketing Officer · Marketing' }),
];
const labels = (sections: ReturnType<typeof searchPalette>) => sections.map((s) => [s.group, s.items.map((i) => i.label)]);

test('palette search: substring beats fuzzy, every word must match, results come grouped under their section', () => {
  const prepared = preparePalette(ITEMS);
  assert.deepEqual(labels(searchPalette(prepared, 'ackpipe')), [['Alerts', ['Acknowledge alert: Pipeline coverage below 2x']]]);
  assert.deepEqual(labels(searchPalette(prepared, 'pipeline resolve')), [['Alerts', ['Resolve alert: Pipeline coverage below 2x']]]);
  assert.deepEqual(labels(searchPalette(prepared, 'archive')), [['Navigation', ['Go to History']]], 'keywords find, unseen');
  assert.deepEqual(labels(searchPalette(prepared, 'marketing')), [['Agents', ['SEO Agent', 'CMO Twin']]], 'hints find');
  assert.deepEqual(searchPalette(prepared, 'zzz'), []);
  assert.equal(wordScore('go', 'go to alerts'), 0);
  assert.equal(wordScore('al', 'go to alerts'), 1.5, 'at a word start');
  assert.equal(wordScore('alerts', 'go to alerts'), 1, 'a whole word');
  assert.ok(wordScore('auto', 'set sdr to auto')! < wordScore('auto', 'set sdr to semi-automatic')!, 'whole word first');
  assert.equal(wordScore('ert', 'go to alerts'), 3, 'inside a word');
  assert.equal(wordScore('gal', 'go to alerts'), 7, 'a subsequence, one gap');
  assert.equal(wordScore('gztx', 'go to alerts'), null);
});

test('palette search: with no query, recent commands first under Recent, then a few of each section in a fixed order', () => {
  const prepared = preparePalette(ITEMS);
  const sections = searchPalette(prepared, '', ['history:export:json', 'gone:item'], { perGroupWhenEmpty: 1 });
  assert.deepEqual(labels(sections), [
    ['Recent', ['Export all messages as JSON']],
    ['Navigation', ['Go to Alerts']],
    ['Alerts', ['Acknowledge alert: Pipeline coverage below 2x']],
    ['Agents', ['SEO Agent']],
  ]);
  // With a query, a recent command ranks ahead of an equally good one.
  const both = searchPalette(prepared, 'alert pipeline', ['alert:resolve:1']);
  assert.deepEqual(labels(both), [['Alerts', ['Resolve alert: Pipeline coverage below 2x', 'Acknowledge alert: Pipeline coverage below 2x']]]);
});

test('palette recents: newest first, unique, bounded, and a broken store reads as empty', () => {
  const store = new Map<string, string>();
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
  for (const id of ['a', 'b', 'c', 'a', 'd', 'e', 'f', 'g']) rememberRecent(id, storage);
  assert.deepEqual(readRecent(storage), ['g', 'f', 'e', 'd', 'a', 'c']);
  store.set('twin-console.palette.recent', '{not json');
  assert.deepEqual(readRecent(storage), []);
});

test('palette with 10,000 agents: preparing once and searching per keystroke stay well inside a frame budget', () => {
  const many = [...ITEMS];
  for (let i = 0; i < 10_000; i++) many.push(item(`agent:a${i}`, 'Agents', `Agent ${i} ${['Sales', 'Marketing', 'Support'][i % 3]} twin`, { hint: 'Twin · Ops' }));
  const t0 = performance.now();
  const prepared = preparePalette(many);
  const prepareMs = performance.now() - t0;
  const queries = ['a', 'ag', 'age', 'agent 99', 'agent 9999', 'ackpipe', 'sales tw', 'zzzz'];
  const t1 = performance.now();
  for (const q of queries) searchPalette(prepared, q);
  const perQueryMs = (performance.now() - t1) / queries.length;
  console.log(`palette, ${many.length} items: prepare ${prepareMs.toFixed(1)} ms, search ${perQueryMs.toFixed(1)} ms per keystroke`);
  assert.deepEqual(labels(searchPalette(prepared, 'agent 9999')).at(0)?.[1], ['Agent 9999 Sales twin']);
  assert.ok(searchPalette(prepared, 'a').reduce((n, s) => n + s.items.length, 0) <= 60, 'results are bounded');
  // Generous bounds (2 shared cores, other tests running): a regression to quadratic work fails them.
  assert.ok(perQueryMs < 100, `${perQueryMs} ms per keystroke`);
});

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}, code = '') => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

test('shortcut registry: the handlers match what the sheet lists, and every area has something', () => {
  assert.ok(matchesShortcut(SHORTCUTS.palette, press('k', { ctrlKey: true })));
  assert.ok(matchesShortcut(SHORTCUTS.palette, press('K', { metaKey: true })));
  assert.ok(!matchesShortcut(SHORTCUTS.palette, press('k')), 'plain k is the alerts key');
  assert.ok(matchesShortcut(SHORTCUTS.cheatSheet, press('?', { shiftKey: true })));
  assert.ok(!matchesShortcut(SHORTCUTS.cheatSheet, press('?', { ctrlKey: true })));
  // Alt+D types "∂" on a Mac: the physical key matches.
  assert.ok(matchesShortcut(SHORTCUTS.nextDecision, press('∂', { altKey: true }, 'KeyD')));
  assert.ok(matchesShortcut(SHORTCUTS.alertNext, press('ArrowDown')));
  assert.ok(matchesShortcut(SHORTCUTS.chatNewLine, press('Enter', { shiftKey: true })));
  assert.ok(!matchesShortcut(SHORTCUTS.chatNewLine, press('Enter')));
  assert.deepEqual(chordKeys(SHORTCUTS.palette.chords[0], false), ['Ctrl', 'K']);
  assert.deepEqual(chordKeys(SHORTCUTS.palette.chords[0], true), ['⌘', 'K']);
  assert.deepEqual(shortcutsByArea().map((g) => g.area), [...SHORTCUT_AREAS]);
});

test('metric labels carry the unit; values read as an operator would say them', () => {
  assert.equal(metricLabel('p95_latency', 'ms'), 'P95 latency (ms)');
  assert.equal(metricLabel('campaign_ctr', '%'), 'Campaign CTR (%)');
  assert.equal(metricLabel('replies_per_minute', null), 'Replies per minute');
  assert.equal(formatMetricValue(42_000, '$'), '$42,000');
  assert.equal(formatMetricValue(6.2, 'USD M'), '$6.2M');
  assert.equal(formatMetricValue(2.8, '%'), '2.8%');
  assert.equal(formatMetricValue(182.4, 'ms'), '182 ms');
  assert.equal(formatMetricValue(2.4, 'x'), '2.4x');
});
