import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { RawConsole } from '../support/raw-console';
import { tempDir } from '../support/temp-dir';
import { nextAgent, nextEvent } from '../support/wait-for';

const AGENT = path.resolve(__dirname, '../../examples/python-agent/twin_agent.py');

/** A python3 that can import websockets: $PYTHON, else Debian's (pyenv shims may hide the apt package), else PATH's. */
function findPython(): string {
  const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    if (spawnSync(candidate, ['-c', 'import websockets'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error(`No python3 with websockets among ${candidates.join(', ')}: apt-get install -y python3-websockets (or set PYTHON).`);
}

/** Starts the Python twin on a free port (it binds port 0 and prints its URL first) and stops it after the test. */
async function startPythonAgent(t: { after(fn: () => void): void }): Promise<{ url: string; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(findPython(), [AGENT, '--port', '0', '--stream-delay', '0.01']);
  t.after(() => child.kill());
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`the Python agent exited (${code}) before listening: ${stderr}`)));
  });
  assert.match(url, /^ws:\/\/127\.0\.0\.1:\d+$/);
  return { url, child };
}

test('the console chats with the Python twin and gets its status; the alert and decision round trip at the protocol level', async (t) => {
  const { url } = await startPythonAgent(t);
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url }], logger: silentLogger });
  t.after(() => core.close());
  const online = nextAgent(core, (a) => a.id === 'ops-twin' && a.linkState === 'online');
  const monitoring = nextAgent(core, (a) => a.id === 'ops-twin' && a.workState === 'monitoring');
  const agent = await online;
  assert.deepEqual([agent.name, agent.department], ['Ops Twin', 'Operations']);
  await monitoring;

  // Chat through the real core: logged, delivered (acked), answered with a reply the core commits.
  // The twin's own alert and decision also enter the conversation, as the console's notes: wait for its reply.
  const reply = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && m.agentId === 'ops-twin' && !m.data?.console_note);
  const delivered = nextEvent(core, 'message:changed', (m) => m.direction === 'out' && m.status === 'delivered');
  const sent = await core.api.messages.send({ agentId: 'ops-twin', text: 'How is line 3 throughput?' });
  assert.ok(sent.ok, JSON.stringify(sent));
  assert.equal((await delivered).id, sent.value.id);
  const answer = await reply;
  assert.match(answer.text ?? '', /82% of plan/);
  assert.equal(answer.replyTo, sent.value.id);
  assert.equal(answer.conversationId, 'direct:ops-twin');

  // The core does not consume alerts and decisions yet: a stand-in console checks them on the wire, and every
  // frame the Python twin sends is validated against the zod schemas of the spec.
  const raw = await RawConsole.connect(url);
  t.after(() => raw.close());
  raw.welcome({ 'ops-twin': 1 });
  const alert = await raw.waitFor((f) => f.type === 'alert', 'the alert');
  assert.deepEqual([alert.severity, alert.title, alert.state], ['warning', 'Line 3 throughput below plan', 'firing']);
  const decision = await raw.waitFor((f) => f.type === 'decision', 'the decision');
  assert.equal(decision.summary, 'Move 2 operators from line 1 to line 3');
  assert.ok(typeof decision.confidence === 'number' && decision.confidence > 0 && decision.confidence < 1);
  assert.ok(String(decision.reasoning).length > 0);

  const followUpInCore = nextEvent(core, 'message:changed', (m) => m.direction === 'in' && /Approved/.test(m.text ?? ''));
  const intervening = nextAgent(core, (a) => a.id === 'ops-twin' && a.workState === 'intervening');
  raw.send({ type: 'decision_result', id: decision.id, outcome: 'approved', comment: 'Do it before lunch' });
  await raw.waitFor((f) => f.type === 'ack' && f.id === decision.id, 'the ack of the decision result');
  await raw.waitFor((f) => f.type === 'alert' && f.id === alert.id && f.state === 'resolved', 'the resolved alert');
  const followUp = await followUpInCore;
  assert.match(followUp.text ?? '', /Do it before lunch/);
  await intervening;

  raw.sendRaw('{not json');
  raw.send({ type: 'message', id: 'broken' });
  await raw.waitFor((f) => f.type === 'error' && f.ref === 'broken', 'the schema error');
  assert.deepEqual(raw.of('error').map((f) => f.code), ['INVALID_JSON', 'SCHEMA_MISMATCH']);
  assert.deepEqual(raw.invalid, []);
});
