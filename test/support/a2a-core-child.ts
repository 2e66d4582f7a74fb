/**
 * The console core alone in a process, talking to one A2A agent: `node --import tsx a2a-core-child.ts <dataDir> <url>`.
 * It sends one message and prints `working <messageId>` once the agent's task is running, so a test can kill it
 * with SIGKILL mid-task and prove the task is resumed, and its result logged once, by the next start.
 */
import type { Agent } from '../../src/shared/domain';
import { createCore, silentLogger } from '../../src/main/core';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';

const [dataDir, url] = process.argv.slice(2);
if (!dataDir || !url) {
  console.error('usage: a2a-core-child.ts <dataDir> <url>');
  process.exit(2);
}
const core = createCore({ dataDir, endpoints: [{ url }], logger: silentLogger, link: { backoff: { baseMs: 10, capMs: 100 } } });
const agentId = agentIdOf(url);
let sent = false;
const sendOnceOnline = (agent: Agent) => {
  if (sent || agent.id !== agentId || agent.linkState !== 'online') return;
  sent = true;
  void core.api.messages.send({ agentId, text: 'crunch the numbers' });
};
// A link's roster changes arrive batched (agents:changed); single changes (status) as agent:changed.
core.on('agent:changed', sendOnceOnline);
core.on('agents:changed', (agents) => agents.forEach(sendOnceOnline));
core.on('message:changed', (message) => {
  // Delivered (the agent accepted it, and that is committed) and running: the kill lands mid-task.
  if (message.direction === 'out' && message.status === 'delivered' && message.marks?.task?.state === 'working') {
    process.stdout.write(`working ${message.id}\n`);
  }
});
