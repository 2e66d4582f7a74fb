import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { WebSocket } from 'ws';
import { createCore, silentLogger } from '../src/main/core';
import { DATABASE_FILE_NAME, openDatabase } from '../src/main/core/store/database';
import { MessageRepository } from '../src/main/core/store/message-repository';
import type { Message } from '../src/shared/domain';
import type { BenchContext, Benchmark } from './harness';
import { startRemoteAgentHost } from './link-bench-support';

type IngestTuning = { maxBatch: number; maxDelayMs: number };

/**
 * The log as the app runs it, search index (FTS5 triggers) included. Sends `perAgent` frames from each of `agents` agents (in their own process) and resolves with msg/s as the core
 * commits them: from the first `message:changed` to the last.
 */
async function coreIngest(
  context: BenchContext,
  agents: number,
  perAgent: number,
  options: { ingest?: IngestTuning } = {},
): Promise<{ rate: number; searchable: number; cpuPerMessage: number }> {
  const host = await startRemoteAgentHost(agents);
  await host.burst(perAgent);
  const dataDir = context.tempDir();
  const total = agents * perAgent;
  const core = createCore({
    dataDir,
    endpoints: host.urls.map((url) => ({ url })),
    logger: silentLogger,
    ...(options.ingest ? { ingest: options.ingest } : {}),
  });
  let first = 0;
  // CPU time of this process (the core; the agents have their own) per message: steadier than msg/s on a shared
  // machine, where the wall clock also counts everyone else's work.
  let cpuAtFirst = process.cpuUsage();
  let cpuPerMessage = 0;
  const rate = await new Promise<number>((resolve) => {
    let committed = 0;
    core.on('message:changed', () => {
      if (committed === 0) {
        first = performance.now();
        cpuAtFirst = process.cpuUsage();
      }
      if (++committed !== total) return;
      const cpu = process.cpuUsage(cpuAtFirst);
      cpuPerMessage = (cpu.user + cpu.system) / total;
      resolve(total / ((performance.now() - first) / 1000));
    });
  });
  // The search index trails the log (it catches up between bursts): also time until every message is searchable.
  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  const backlog = reader.prepare('SELECT COUNT(*) FROM search_backlog').pluck();
  while ((backlog.get() as number) > 0) await delay(10);
  const searchable = total / ((performance.now() - first) / 1000);
  reader.close();
  await core.close();
  await host.stop();
  return { rate, searchable, cpuPerMessage };
}

/**
 * The most one SQLite writer commits on this machine: the burst's messages, already parsed and checked, through the
 * log's own insertBatch in transactions of the ingest's largest batch (1,000), with the app's schema, triggers and
 * synchronous=FULL, and nothing else: no socket, no parse, no ack. `ingest` cannot beat this figure, so its ratio to
 * the raw wire is a ceiling for the `ingest` ratio, measured in the same run.
 */
function writerCeiling(context: BenchContext, agents: number, perAgent: number): number {
  const db = openDatabase(context.tempDir());
  const messages = new MessageRepository(db);
  const now = Date.now();
  const all: Message[] = [];
  for (let seq = 1; seq <= perAgent; seq++) {
    for (let a = 0; a < agents; a++) {
      const agentId = `agent-${a}`;
      all.push({
        id: `${agentId}-${seq}`,
        conversationId: `direct:${agentId}`,
        agentId,
        direction: 'in',
        from: agentId,
        to: 'operator',
        intent: 'share_insights',
        text: `Weekly signal ${seq}: organic sessions up 4.2%, paid CAC flat, two new competitor launches to review.`,
        data: null,
        priority: 'normal',
        replyTo: null,
        status: 'received',
        createdAt: now + seq,
      });
    }
  }
  const seqs = all.map((m) => Number(m.id.slice(m.id.lastIndexOf('-') + 1)));
  const commit = db.transaction((from: number, to: number) => {
    messages.insertBatch(all.slice(from, to), seqs.slice(from, to), (m) => m.agentId, now);
  });
  const started = performance.now();
  for (let from = 0; from < all.length; from += 1000) commit(from, Math.min(all.length, from + 1000));
  const rate = all.length / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

/** The same traffic, from the same agents process, into bare ws clients that only JSON.parse it. */
async function rawReceive(agents: number, perAgent: number): Promise<number> {
  const host = await startRemoteAgentHost(agents, { raw: true });
  await host.burst(perAgent);
  const total = agents * perAgent;
  let received = 0;
  let first = 0;
  const clients: WebSocket[] = [];
  const rate = await new Promise<number>((resolve) => {
    for (const url of host.urls) {
      const client = new WebSocket(url);
      clients.push(client);
      client.on('message', (data) => {
        JSON.parse(data.toString());
        if (received === 0) first = performance.now();
        if (++received === total) resolve(total / ((performance.now() - first) / 1000));
      });
    }
  });
  for (const client of clients) client.terminate();
  await host.stop();
  return rate;
}

const benchmark: Benchmark = {
  name: 'ingest',
  async run(context) {
    const agents = context.size(100, 5);
    const perAgent = context.size(400, 20);
    const raw = await rawReceive(agents, perAgent);
    const { rate: batched, searchable, cpuPerMessage } = await coreIngest(context, agents, perAgent);
    const ceiling = writerCeiling(context, agents, perAgent);
    // One transaction (one fsync) per message: what the batcher exists to avoid. Fewer messages: it is slow.
    const { rate: naive } = await coreIngest(context, agents, context.size(20, 4), { ingest: { maxBatch: 1, maxDelayMs: 0 } });
    context.log(
      `raw ${Math.round(raw)} msg/s, batched ${Math.round(batched)} msg/s (all searchable at ${Math.round(searchable)} msg/s), naive ${Math.round(naive)} msg/s; the writer alone ${Math.round(ceiling)} msg/s; core CPU ${cpuPerMessage.toFixed(1)} µs a message`,
    );
    return [
      {
        name: 'ingest',
        value: batched,
        unit: 'msg/s',
        baseline_name: 'raw ws receive + JSON.parse',
        baseline_value: raw,
        ratio: batched / raw,
        goal: 'ratio >= 0.65 (issue #15) and >= 20,000 msg/s',
        pass: batched / raw >= 0.65 && batched >= 20_000,
      },
      {
        // Not a goal: the bound on the one above. The insert path alone, with no wire, against the same raw wire.
        name: 'ingest_writer_ceiling',
        value: ceiling,
        unit: 'msg/s',
        baseline_name: 'raw ws receive + JSON.parse',
        baseline_value: raw,
        ratio: ceiling / raw,
        goal: 'reported: the log writer alone (insertBatch, 1,000-row transactions, synchronous=FULL); ingest cannot exceed it',
        pass: true,
      },
      {
        name: 'ingest_vs_naive',
        value: batched,
        unit: 'msg/s',
        baseline_name: 'one transaction per message',
        baseline_value: naive,
        ratio: batched / naive,
        goal: 'ratio >= 5',
        pass: batched / naive >= 5,
      },
      {
        // What the search index's catch-up after the burst costs, end to end.
        name: 'ingest_until_searchable',
        value: searchable,
        unit: 'msg/s',
        baseline_name: 'raw ws receive + JSON.parse',
        baseline_value: raw,
        ratio: searchable / raw,
        goal: 'ratio >= 0.45 (issue #15): the same burst until every message is also in the search index',
        pass: searchable / raw >= 0.45,
      },
    ];
  },
};

export default benchmark;
