import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../src/main/core/store/database';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { agentMessage, TestAgent } from '../support/test-agent';

const CHILD = path.resolve(__dirname, '../support/core-child.ts');
const ROUNDS = 20;

function startCore(dataDir: string, url: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, url], { stdio: ['ignore', 'ignore', 'inherit'] });
}

test(`kill -9 of the core mid-ingest, ${ROUNDS} rounds: every acked message is in the log once, with no gaps`, async (t) => {
  const dataDir = tempDir();
  const agent = await TestAgent.start([card('a1')]);
  t.after(() => agent.close());

  // The agent side of resume: every message stays here until acked, and is resent after a welcome.
  const unacked = new Map<number, Record<string, unknown>>();
  let nextSeq = 1;
  const acked = new Set<string>();
  const sendNew = () => {
    const seq = nextSeq++;
    const frame = agentMessage(`m${seq}`, seq, `message ${seq}`);
    unacked.set(seq, frame);
    agent.send(frame);
  };
  agent.onFrame((frame) => {
    if (frame.type === 'welcome') {
      const committed = (frame.last_seq as Record<string, number>).a1 ?? 0;
      for (const [seq, pending] of [...unacked]) {
        if (seq <= committed) {
          acked.add(pending.id as string);
          unacked.delete(seq);
        } else agent.send(pending);
      }
      for (let i = 0; i < 20; i++) sendNew();
    } else if (frame.type === 'ack') {
      const seq = Number((frame.id as string).slice(1));
      if (unacked.delete(seq)) acked.add(frame.id as string);
      // Keep the pipeline full, so the kill always lands mid-ingest.
      if (agent.connected) sendNew();
    }
  });

  for (let round = 1; round <= ROUNDS; round++) {
    const child = startCore(dataDir, agent.url);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await agent.waitForWelcome(round, 15_000);
      const target = acked.size + 10 + ((round * 37) % 60);
      await agent.waitFor(() => acked.size >= target, `${target} acks in round ${round}`, 15_000);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    await agent.waitFor(() => !agent.connected, 'the dead core to drop the socket');

    const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME));
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `integrity after round ${round}`);
      const rows = db.prepare("SELECT id, seq FROM messages WHERE direction = 'in' ORDER BY seq").all() as { id: string; seq: number }[];
      const logged = new Set(rows.map((r) => r.id));
      const missing = [...acked].filter((id) => !logged.has(id));
      assert.deepEqual(missing, [], `round ${round}: acked messages missing from the log`);
      assert.equal(logged.size, rows.length, `round ${round}: a message is logged twice`);
      assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1), `round ${round}: seqs have a gap or a duplicate`);
      const lastSeq = db.prepare("SELECT last_seq FROM agents WHERE id = 'a1'").pluck().get();
      assert.equal(lastSeq, rows.length, 'last_seq matches what is committed');
    } finally {
      db.close();
    }
  }
  assert.ok(acked.size > ROUNDS * 10, `${acked.size} messages acked over ${ROUNDS} rounds`);
});
