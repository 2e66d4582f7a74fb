import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startRemoteAgentHost } from '../../bench/link-bench-support';
import { createCore, silentLogger } from '../../src/main/core';
import { DATABASE_FILE_NAME } from '../../src/main/core/store/database';
import { directConversationId } from '../../src/shared/domain';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { agentMessage, TestAgent } from '../support/test-agent';

const FLOOD = 6_000;

test(`a burst of ${FLOOD} messages from one agent blocks neither another agent nor the API, and each is logged once`, async (t) => {
  const dataDir = tempDir();
  // The flooding agent runs in a process of its own, as a real one would: its whole burst lands in our socket
  // buffer at once, instead of trickling out of this process's own event loop.
  const flooder = await startRemoteAgentHost(1);
  t.after(() => flooder.stop());
  await flooder.burst(FLOOD);
  const quiet = await TestAgent.start([card('q1')]);
  t.after(() => quiet.close());

  // The order in which the core announces committed messages is the order in which they were committed.
  const committed: string[] = [];
  let floodCommitted = 0;
  let floodAtApiAnswer: number | null = null;
  let allIn!: () => void;
  const floodDone = new Promise<void>((resolve) => (allIn = resolve));
  // Batches of 100 (not the app's 1,000), so that the flooding link outruns the log and is paused and resumed many
  // times over: reading it must stop at its high-water mark and always start again.
  const core = createCore({
    dataDir,
    endpoints: [{ url: quiet.url }, ...flooder.urls.map((url) => ({ url }))],
    logger: silentLogger,
    ingest: { maxBatch: 100, maxDelayMs: 0 },
  });
  t.after(() => core.close());
  core.on('message:changed', (message) => {
    if (message.direction !== 'in') return;
    committed.push(message.id);
    if (message.agentId !== 'a0') return;
    floodCommitted += 1;
    if (floodCommitted === FLOOD) allIn();
    if (floodCommitted !== 1) return;
    // The burst is being committed: now a neighbour speaks, and a request arrives (on a timer, like any I/O).
    quiet.send(agentMessage('q-1', 1, 'a neighbour speaks', { conversation_id: directConversationId('q1'), from: 'q1' }));
    setTimeout(() => {
      void core.api.agents.list().then((answer) => {
        assert.ok(answer.ok);
        floodAtApiAnswer = floodCommitted;
      });
    }, 0);
  });

  await floodDone;
  await quiet.waitFor(() => quiet.acks.has('q-1'), 'the quiet agent’s ack');
  const quietAt = committed.indexOf('q-1');
  const floodAfterQuiet = committed.slice(quietAt + 1).filter((id) => id.startsWith('a0-')).length;
  assert.ok(floodAfterQuiet >= 1000, `the neighbour’s message went in while the burst was still going (${floodAfterQuiet} flood messages after it)`);
  assert.ok(floodAtApiAnswer !== null && floodAtApiAnswer <= FLOOD - 1000, `the API answered mid-burst (after ${floodAtApiAnswer} of ${FLOOD})`);

  // Every flood message logged exactly once, and announced once.
  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  t.after(() => reader.close());
  assert.equal(reader.prepare("SELECT COUNT(*) FROM messages WHERE agent_id = 'a0'").pluck().get(), FLOOD);
  assert.equal(reader.prepare("SELECT COUNT(DISTINCT seq) FROM messages WHERE agent_id = 'a0'").pluck().get(), FLOOD);
  const announced = committed.filter((id) => id.startsWith('a0-'));
  assert.equal(announced.length, FLOOD);
  assert.equal(new Set(announced).size, FLOOD);
});
