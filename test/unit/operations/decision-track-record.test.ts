import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../../src/main/core/store/database';
import { DecisionRepository } from '../../../src/main/core/store/decision-repository';
import { tempDir } from '../../support/temp-dir';

const T0 = Date.parse('2026-11-21T09:00:00Z');

function seed(repo: DecisionRepository, agentId: string, id: string, at: number) {
  repo.insert({ agentId, id, summary: id, reasoning: '', confidence: 0.5, context: null, expiresAt: null, createdAt: at });
}

test("an agent's track record counts its own decisions by outcome, auto-approvals apart, and no one else's", () => {
  const db = openDatabase(tempDir());
  const repo = new DecisionRepository(db);
  const settle = (agentId: string, id: string, state: 'approved' | 'rejected', auto = false) =>
    repo.decide({ agentId, id, state, comment: null, auto, decidedBy: auto ? 'policy:auto' : 'operator', decidedAt: T0 + 1 });
  for (let i = 0; i < 5; i++) seed(repo, 'cmo', `a${i}`, T0 + i);
  settle('cmo', 'a0', 'approved');
  settle('cmo', 'a1', 'approved', true);
  settle('cmo', 'a2', 'rejected');
  seed(repo, 'cmo', 'old', T0 - 10_000);
  db.prepare("UPDATE decisions SET expires_at = ? WHERE id = 'old'").run(T0 - 1);
  assert.equal(repo.expireDue(T0).length, 1);
  // Another agent's decisions, and a same id from it, never leak into the CMO's record.
  seed(repo, 'cso', 'a0', T0);
  settle('cso', 'a0', 'rejected');

  assert.deepEqual(repo.trackRecord('cmo'), { agentId: 'cmo', approved: 2, autoApproved: 1, rejected: 1, expired: 1, pending: 2 });
  assert.deepEqual(repo.trackRecord('cso'), { agentId: 'cso', approved: 0, autoApproved: 0, rejected: 1, expired: 0, pending: 0 });
  assert.deepEqual(repo.trackRecord('nobody'), { agentId: 'nobody', approved: 0, autoApproved: 0, rejected: 0, expired: 0, pending: 0 });

  // Bounded: the count reads the (agent_id, state, auto) index alone, never the table.
  const plan = db
    .prepare('EXPLAIN QUERY PLAN SELECT state, auto, count(*) AS n FROM decisions WHERE agent_id = ? GROUP BY state, auto')
    .all('cmo') as { detail: string }[];
  assert.match(plan.map((p) => p.detail).join('\n'), /USING COVERING INDEX decisions_agent_state/);
  db.close();
});
