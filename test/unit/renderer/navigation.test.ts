import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directConversationId, roomConversationId } from '../../../src/shared/domain';
import { navigate, type NavigationAction, START } from '../../../src/renderer/src/features/navigation/navigation';

const run = (...actions: NavigationAction[]) => actions.reduce(navigate, START);

test('navigation: opening a target routes to its view', () => {
  assert.deepEqual(run({ type: 'open', target: { kind: 'alert', id: 'a1' } }), { ...START, view: 'alerts', focusAlertId: 'a1' });
  const direct = run({ type: 'view', view: 'history' }, { type: 'open', target: { kind: 'conversation', id: directConversationId('cmo') } });
  assert.equal(direct.view, 'chat');
  assert.equal(direct.selectedId, 'cmo');
  assert.equal(run({ type: 'open', target: { kind: 'conversation', id: roomConversationId('r1') } }).view, 'rooms');
  // A decision's notification opens the decision itself in Needs you.
  assert.deepEqual(run({ type: 'open', target: { kind: 'decision', id: 'd1', agentId: 'cmo' } }), { ...START, view: 'decisions', focusDecisionId: 'd1' });
  const elsewhere = run({ type: 'view', view: 'broadcast' });
  assert.equal(navigate(elsewhere, { type: 'open', target: { kind: 'conversation', id: 'a2a:ctx' } }), elsewhere, 'unknown kinds stay put');
});

test('navigation: agents, decisions, panels and the palette', () => {
  const state = run({ type: 'view', view: 'alerts' }, { type: 'select-agent', agentId: 'seo' });
  assert.equal(state.view, 'chat');
  assert.equal(state.selectedId, 'seo');
  assert.deepEqual(run({ type: 'focus-decision', id: 'd1', show: true }), { ...START, view: 'decisions', focusDecisionId: 'd1' });
  assert.equal(run({ type: 'focus-decision', id: 'd1' }).view, START.view, 'focus alone does not switch views');
  assert.equal(run({ type: 'panel', panel: 'metrics', toggle: true }).panel, 'metrics');
  assert.equal(run({ type: 'panel', panel: 'metrics', toggle: true }, { type: 'panel', panel: 'metrics', toggle: true }).panel, 'none');
  assert.equal(run({ type: 'panel', panel: 'metrics', toggle: true }, { type: 'panel', panel: 'request', toggle: true }).panel, 'request');
  assert.equal(run({ type: 'panel', panel: 'request' }, { type: 'panel', panel: 'request' }).panel, 'request', 'show is not a toggle');
  assert.equal(run({ type: 'palette', open: 'toggle' }).paletteOpen, true);
  assert.equal(run({ type: 'palette', open: 'toggle' }, { type: 'palette', open: 'toggle' }).paletteOpen, false);
  assert.equal(run({ type: 'palette', open: true }, { type: 'palette', open: true }).paletteOpen, true);
});

test('navigation: the app opens on home', () => {
  assert.equal(START.view, 'home');
});
