import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentIdOf } from '../../src/main/core/links/a2a/a2a-card';
import { startA2aTestAgent } from '../support/a2a-test-agents';
import { launchChromium } from '../support/chromium';
import { startConsole } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';

test("a newcomer's first chat with the demo's A2A twin: streamed reply, then its input request answered from Needs you", async (t) => {
  const browser = await launchChromium();
  const app = await startConsole(tempDir(), { a2a: true });
  t.after(() => app.stop());
  const agentId = agentIdOf(app.demo.a2aUrls[0]!);
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.host.url);
  await page.locator(`[data-agent-id="${agentId}"][data-link-state="online"]`).waitFor();
  await page.locator(`[data-agent-id="${agentId}"]`).click();

  // A request that names a region: answered at once, streamed, with the task shown completed on the request.
  await page.getByRole('textbox', { name: 'Message Forecasting Agent' }).fill('Forecast EMEA for next quarter');
  await page.keyboard.press('Enter');
  await page.locator('.message.incoming', { hasText: 'Next quarter in EMEA: demand up 4.2%' }).waitFor();
  await page.locator('.message.outgoing [data-task-state="completed"]').waitFor();

  // One that does not: the agent asks, the question waits in Needs you, and the answer continues the same task.
  await page.getByRole('textbox', { name: 'Message Forecasting Agent' }).fill('And the other regions?');
  await page.keyboard.press('Enter');
  await page.locator('.message.incoming', { hasText: 'Which region should I forecast' }).first().waitFor();
  await page.getByRole('button', { name: /Needs you/ }).click();
  const card = page.locator('[data-decision-id]', { hasText: 'Which region should I forecast' });
  await card.getByRole('textbox', { name: 'Comment' }).fill('APAC');
  await card.getByRole('button', { name: 'Approve' }).click();
  await card.and(page.locator('[data-state="approved"]')).waitFor();
  await page.locator(`[data-agent-id="${agentId}"]`).click();
  await page.locator('.message.incoming', { hasText: 'Next quarter in APAC: demand up 6.8%' }).waitFor();
  assert.deepEqual(pageErrors, []);
});

test('an operator connects an A2A agent by URL with a role and department: the roster groups it under them', async (t) => {
  const browser = await launchChromium();
  const agent = await startA2aTestAgent({ behaviour: 'instant', name: 'Ledger Agent' });
  t.after(() => agent.close());
  const app = await startConsole(tempDir());
  t.after(() => app.stop());
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.host.url);

  const connections = page.getByRole('group', { name: 'Endpoints' });
  await connections.getByText(/^Connections/).click();
  await connections.getByRole('textbox', { name: 'Agent URL' }).fill(agent.url);
  // The v1 link kind is for ws:// URLs; an A2A URL asks for what its card lacks instead.
  await connections.getByRole('textbox', { name: 'Agent role (optional)' }).waitFor();
  assert.equal(await connections.getByRole('combobox', { name: 'Link kind' }).count(), 0);
  await connections.getByRole('textbox', { name: 'Agent role (optional)' }).fill('Cash planning');
  await connections.getByRole('textbox', { name: 'Agent department (optional)' }).fill('Treasury');
  await connections.getByRole('button', { name: 'Connect' }).click();

  // The roster is virtualised over the demo fleet: the new department is filtered to, then its rows are read.
  await page.getByRole('combobox', { name: 'Department' }).selectOption('Treasury');
  const roster = page.getByRole('listbox', { name: 'Agents' });
  await roster.getByRole('option', { name: /^Ledger Agent/ }).waitFor();
  // The group headings are drawn, not announced (a list box holds options only): read them as text.
  await roster.getByText(/^Treasury\b/).first().waitFor();
  await roster.getByText('Cash planning', { exact: true }).waitFor();
  assert.equal(await roster.getByRole('option').count(), 1, 'the only agent in Treasury');
  await connections.getByText(/· Treasury \/ Cash planning/).waitFor();

  // An A2A address where nothing listens: the reason says what happened and what to do, in words.
  const closed = await startA2aTestAgent({ behaviour: 'instant', name: 'Gone Agent' });
  const closedUrl = closed.url;
  await closed.close();
  await connections.getByRole('textbox', { name: 'Agent URL' }).fill(closedUrl);
  await connections.getByRole('button', { name: 'Connect', exact: true }).click();
  const problem = connections.getByRole('group', { name: `Connection problem: ${closedUrl}` });
  await problem.getByText(/^Refused: nothing is listening at that address\. Check the agent is running and the URL's port is right; retrying\.$/).waitFor({ timeout: 20_000 });
  assert.doesNotMatch(await problem.innerText(), /ECONNREFUSED|fetch failed/);
  if (process.env.A2A_SCREENSHOT) await page.screenshot({ path: process.env.A2A_SCREENSHOT });
  assert.deepEqual(pageErrors, []);
});
