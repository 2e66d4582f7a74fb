import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentNamesLabel, agentsByEndpoint, endpointHost, endpointWho } from '../../../src/renderer/src/features/agents/endpoint-label';
import { EMPTY_FILTER, matches } from '../../../src/renderer/src/features/roster/roster-filter';
import { agent } from './fixtures';

test('a Connections row says who is behind an endpoint: its name, else its agents, else its host', () => {
  const cmo = agent('cmo', { name: 'CMO Twin', endpointId: 'direct' });
  const gateway = ['CSO Twin', 'Content Agent', 'SEO Agent', 'Lead Scoring Agent', 'Forecasting Agent'].map((name, i) => agent(`g${i}`, { name, endpointId: 'gw' }));
  const launched = agent('ceo', { name: 'CEO Twin', endpointId: null });
  const byEndpoint = agentsByEndpoint([cmo, ...gateway, launched]);
  assert.deepEqual([...byEndpoint.keys()], ['direct', 'gw'], 'an agent with no endpoint id belongs to none');

  assert.equal(endpointWho({ url: 'ws://127.0.0.1:1', name: null }, byEndpoint.get('direct')).label, 'CMO Twin');
  assert.equal(endpointWho({ url: 'ws://127.0.0.1:2', name: null }, byEndpoint.get('gw')).label, 'Content Agent +4');
  assert.deepEqual(endpointWho({ url: 'ws://x', name: null }, [agent('a', { name: 'CSO Twin' }), agent('b', { name: 'Ads Bot' }), agent('c', { name: 'SEO Agent' }), agent('d', { name: 'Lead Agent' })]), {
    label: 'Ads Bot, CSO Twin +2',
    shown: 'Ads Bot, CSO Twin',
    more: 2,
    agentNames: ['Ads Bot', 'CSO Twin', 'Lead Agent', 'SEO Agent'],
  }, 'as many names as fit, sorted, then the count apart');
  assert.equal(endpointWho({ url: 'ws://127.0.0.1:2', name: ' Marketing gateway ' }, byEndpoint.get('gw')).label, 'Marketing gateway', "the operator's name wins");
  assert.equal(endpointWho({ url: 'ws://127.0.0.1:9', name: null }).label, '127.0.0.1:9', 'no name, no agents: the host');
  assert.equal(endpointWho({ url: 'https://agents.example.com/a2a', name: '' }, []).label, 'agents.example.com');
  assert.deepEqual(endpointWho({ url: 'ws://x', name: null }, byEndpoint.get('gw')).agentNames.length, 5, 'every name, for the tooltip');

  assert.equal(agentNamesLabel(['A very long agent name that fills the line', 'B']), 'A very long agent name that fills the line +1', 'never fewer than one name');
  assert.equal(agentNamesLabel(['A', 'B', 'C']), 'A, B, C');
  assert.equal(endpointHost('not a url'), 'not a url');
});

test('"Online only" means connected and answering: a degraded agent (socket up, silent) is left out, as its dot says', () => {
  const filter = { ...EMPTY_FILTER, onlineOnly: true };
  const health = { rttMs: null, lastSeenAt: null, nextAttemptAt: null, attempt: 0, badFrames: {} };
  assert.equal(matches(agent('up', { health: { ...health, liveness: 'online' } }), filter), true);
  assert.equal(matches(agent('quiet', { health: { ...health, liveness: 'degraded' } }), filter), false);
  assert.equal(matches(agent('dialing', { linkState: 'connecting' }), filter), false);
  assert.equal(matches(agent('quiet', { health: { ...health, liveness: 'degraded' } }), EMPTY_FILTER), true, 'shown without the filter');
});
