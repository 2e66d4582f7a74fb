import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentDefinition } from '../../src/agent-kit';
import { serveGateway } from '../../src/agent-kit';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';

/** What these tests read of the page's window inside `evaluate` (the test files compile without the DOM types). */
interface PageWindow {
  getComputedStyle(el: unknown): { lineHeight: string; transform: string };
  document: { activeElement: unknown };
}

const heard: Record<string, string[]> = {};
function twin(id: string, name: string): AgentDefinition {
  return {
    card: { id, name, role: 'Twin', department: 'Marketing', capabilities: [], intents: ['chat'] },
    intents: {
      chat: (message, agent) => {
        (heard[id] ??= []).push(message.text ?? '');
        void agent.reply(message, `${name} heard you`);
      },
    },
  };
}

async function startApp(endpoints: { url: string }[], link?: Parameters<typeof createCore>[0]['link']) {
  return startAppWithCore(endpoints, link);
}

async function startAppWithCore(endpoints: { url: string }[], link?: Parameters<typeof createCore>[0]['link']) {
  const core = createCore({ dataDir: tempDir(), endpoints, logger: silentLogger, ...(link ? { link } : {}) });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  return {
    page,
    core,
    stop: async () => {
      await page.close();
      await host.close();
      await core.close();
    },
  };
}

test('rooms: the form says what is missing, @ suggests members by name, Enter posts to the mentioned one, mentions are highlighted', async (t) => {
  const gateway = await serveGateway([twin('cmo-twin', 'CMO Twin'), twin('seo-agent', 'SEO Agent')], { heartbeatMs: 0 });
  t.after(() => gateway.close());
  const { page, stop } = await startApp([{ url: gateway.url }]);
  t.after(stop);
  await page.locator('[data-agent-id="seo-agent"][data-link-state="online"]').waitFor();
  await page.getByRole('button', { name: 'Rooms', exact: true }).click();

  await page.getByRole('button', { name: 'Create room' }).click();
  await page.getByRole('alert').filter({ hasText: 'Give the room a name.' }).waitFor();
  await page.getByRole('textbox', { name: 'Room name' }).fill('Launch');
  await page.getByRole('button', { name: 'Create room' }).click();
  await page.getByRole('alert').filter({ hasText: 'Pick at least two agents for the room.' }).waitFor();
  await page.getByRole('checkbox', { name: /CMO Twin/ }).check();
  await page.getByRole('checkbox', { name: /SEO Agent/ }).check();
  await page.getByRole('button', { name: 'Create room' }).click();

  const box = page.getByRole('combobox', { name: 'Message room Launch' });
  await box.pressSequentially('@cm');
  const suggestions = page.getByRole('listbox', { name: 'Mention suggestions' });
  await suggestions.getByRole('option', { name: /CMO Twin/ }).waitFor();
  assert.equal(await suggestions.getByRole('option').count(), 1);
  await page.keyboard.press('Enter');
  assert.equal(await box.inputValue(), '@CMOTwin ');
  await box.pressSequentially('what is the plan?');
  await page.keyboard.press('Enter');

  await page.locator('.message.incoming', { hasText: 'CMO Twin heard you' }).waitFor();
  assert.equal(await box.inputValue(), '', 'Enter posted and cleared the box');
  assert.deepEqual(heard['cmo-twin'], ['@CMOTwin what is the plan?']);
  assert.equal(heard['seo-agent'], undefined, 'only the mentioned member got it');
  const mention = page.locator('.message.outgoing mark.mention');
  assert.equal(await mention.textContent(), '@CMOTwin');
});

test('a high-risk decision needs a deliberate confirmation, from the palette and from its card; the card shows the time left', async (t) => {
  const gateway = await serveGateway([twin('cto-twin', 'CTO Twin')], { heartbeatMs: 0 });
  t.after(() => gateway.close());
  const { page, stop } = await startApp([{ url: gateway.url }]);
  t.after(stop);
  await page.locator('[data-agent-id="cto-twin"][data-link-state="online"]').waitFor();
  const proposal = gateway.agent('cto-twin').propose({
    summary: 'Roll back release 2025.11.3 on the EU cluster',
    reasoning: 'Error rate doubled after the deploy.',
    confidence: 0.9,
    risk: 'high',
    expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
  });
  let settled = false;
  void proposal.result.then(() => (settled = true));
  await page.getByRole('button', { name: /Needs you/ }).locator('.badge', { hasText: '1' }).waitFor();

  // The palette: one Enter opens the confirmation, focused on Cancel, so a second Enter does not approve.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('approve roll back');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Confirm a high-risk approval' });
  await confirm.waitFor();
  await page.keyboard.press('Enter');
  await confirm.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  assert.equal(settled, false);

  // The card: its expiry and time left; Approve asks first; "Approve anyway" approves.
  await page.getByRole('button', { name: /Needs you/ }).click();
  const decision = page.getByRole('article', { name: 'Decision: Roll back release 2025.11.3 on the EU cluster' });
  await decision.getByText(/30 min left|29 min left/).waitFor();
  await decision.getByText('High risk').waitFor();
  await decision.getByRole('button', { name: 'Approve…' }).click();
  await decision.getByRole('alertdialog', { name: 'Confirm a high-risk approval' }).getByRole('button', { name: 'Approve anyway' }).click();
  assert.equal((await proposal.result).outcome, 'approved');
  await page.locator(`[data-decision-id="${proposal.id}"][data-state="approved"]`).waitFor();
});

test('a failed connection shows its reason and next try in Connections, and Retry now dials at once', async (t) => {
  // A port that refuses now and listens later: the agent starts there only after the first dial failed.
  const probe = await RawAgent.start([]);
  const port = probe.port;
  await probe.close();
  const url = `ws://127.0.0.1:${port}`;
  // The next automatic attempt is ten minutes away, so only Retry can bring the link up within the test.
  const { page, stop } = await startApp([{ url }], { backoff: { baseMs: 600_000, capMs: 600_000 }, jitter: () => 0.99 });
  t.after(stop);

  const summary = page.getByText('Connections', { exact: false }).first();
  // One line: "Connections · 1 of 1 failing", never wrapped under itself.
  const failing = page.locator('summary', { hasText: '1 of 1 failing' });
  await failing.waitFor();
  const line = await failing.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat((globalThis as unknown as PageWindow).getComputedStyle(el).lineHeight) || 16 }));
  assert.ok(line.height < line.lineHeight * 2 + 20, `the summary fits one line (${line.height}px)`);
  // It did not open by itself, and the page is no taller than the window.
  assert.equal(await page.getByRole('group', { name: 'Endpoints' }).evaluate((el) => el.hasAttribute('open')), false);
  assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollHeight: number; clientHeight: number } } }).document.scrollingElement.scrollHeight <= (globalThis as unknown as { document: { scrollingElement: { clientHeight: number } } }).document.scrollingElement.clientHeight), true);
  await summary.click();
  const problem = page.getByRole('group', { name: `Connection problem: ${url}` });
  await problem.getByText(/Nothing is listening at/).waitFor();
  await problem.getByText(/Next try at/).waitFor();

  const agent = await RawAgent.start([card('late-twin', { name: 'Late Twin' })], port);
  t.after(() => agent.close());
  await problem.getByRole('button', { name: `Retry now: ${url}` }).click();
  await page.locator('[data-agent-id="late-twin"][data-link-state="online"]').waitFor();
  await problem.waitFor({ state: 'detached' });
});

test('Connections rows say who is behind each endpoint; at 1024x700 the roster keeps its rows and the open panel scrolls inside itself', async (t) => {
  const gateway = await serveGateway(
    [twin('cso-twin', 'CSO Twin'), twin('ads-bot', 'Ads Bot'), twin('seo-agent', 'SEO Agent'), twin('lead-agent', 'Lead Agent')],
    { heartbeatMs: 0 },
  );
  t.after(() => gateway.close());
  const direct = await RawAgent.start([card('cmo-twin', { name: 'CMO Twin' })]);
  t.after(() => direct.close());
  const named = await RawAgent.start([card('cfo-twin', { name: 'CFO Twin' })]);
  t.after(() => named.close());
  const { page, core, stop } = await startAppWithCore([]);
  t.after(stop);
  await page.setViewportSize({ width: 1024, height: 700 });
  // Added as an operator adds them (kept in the log), so each agent is tied to its endpoint.
  const ids: Record<string, string> = {};
  for (const [key, input] of [
    ['gateway', { url: gateway.url }],
    ['direct', { url: direct.url }],
    ['named', { url: named.url, name: 'Finance desk' }],
    ['refused', { url: 'ws://127.0.0.1:9' }],
  ] as const) {
    const added = await core.api.endpoints.add(input);
    assert.ok(added.ok);
    ids[key] = added.value.id;
  }
  for (const id of ['cso-twin', 'lead-agent', 'cmo-twin', 'cfo-twin']) await page.locator(`[data-agent-id="${id}"][data-link-state="online"]`).waitFor();

  const connections = page.getByRole('group', { name: 'Endpoints' });
  const summary = connections.locator('summary');
  if (!(await connections.evaluate((el) => el.hasAttribute('open')))) await summary.click();
  const row = (key: string) => connections.locator(`li[data-endpoint-id="${ids[key]}"]`);
  // Who first: the agent, the gateway's agents (as many as fit, then how many more), the operator's name, the host.
  await row('direct').locator('.endpoint-who', { hasText: /^CMO Twin$/ }).waitFor();
  await row('gateway').locator('.endpoint-who', { hasText: /^Ads Bot, CSO Twin \+2$/ }).waitFor();
  assert.equal(await row('gateway').locator('.endpoint-who').getAttribute('title'), '4 agents: Ads Bot, CSO Twin, Lead Agent, SEO Agent');
  await row('named').locator('.endpoint-who', { hasText: /^Finance desk$/ }).waitFor();
  await row('refused').locator('.endpoint-who', { hasText: /^127\.0\.0\.1:9$/ }).waitFor();
  // The URL is the quiet second line, whole in its tooltip; the state, the reason and the buttons stay.
  const url = row('direct').locator('.endpoint-url');
  assert.match(await url.innerText(), new RegExp(`^${direct.url.replace(/[.]/g, '\\.')}`));
  assert.equal(await url.getAttribute('title'), direct.url);
  const [whoBox, urlBox] = [await row('direct').locator('.endpoint-who').boundingBox(), await url.boundingBox()];
  assert.ok(whoBox && urlBox && urlBox.y >= whoBox.y + whoBox.height - 1, 'the URL is under the name');
  await row('direct').locator('.endpoint-state', { hasText: 'Online' }).waitFor();
  await row('direct').getByRole('button', { name: 'Edit CMO Twin' }).waitFor();
  await row('direct').getByRole('button', { name: 'Remove CMO Twin' }).waitFor();
  await row('refused').getByRole('group', { name: 'Connection problem: ws://127.0.0.1:9' }).getByRole('button', { name: 'Retry now: ws://127.0.0.1:9' }).waitFor();

  // The roster keeps several rows while Connections is open; the panel stays inside the window and scrolls itself.
  const layout = () =>
    page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number; height: number }; scrollHeight: number; clientHeight: number } | null; scrollingElement: { scrollHeight: number; clientHeight: number } } }).document;
      // No helper functions in here: the page has no __name for them once tsx has compiled the test.
      const panel = doc.querySelector('.endpoint-manager')!;
      return {
        roster: doc.querySelector('.roster-scroll')!.getBoundingClientRect().height,
        panelBottom: panel.getBoundingClientRect().bottom,
        panelScrolls: panel.scrollHeight > panel.clientHeight,
        pageFits: doc.scrollingElement.scrollHeight <= doc.scrollingElement.clientHeight,
      };
    });
  const open = await layout();
  assert.ok(open.roster >= 180, `the roster's list keeps several rows (${open.roster}px)`);
  assert.ok(open.panelBottom <= 700, `Connections ends inside the window (${open.panelBottom})`);
  assert.ok(open.panelScrolls, 'Connections scrolls inside itself');
  assert.ok(open.pageFits, 'nothing pushes the page past the window');
  // The form is a scroll away inside the panel, and reaching it moves neither the roster nor the header.
  const field = connections.getByRole('textbox', { name: 'Agent URL' });
  await field.focus();
  await field.scrollIntoViewIfNeeded();
  const box = await field.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 700, 'the Agent URL field is on screen');
  assert.ok((await layout()).roster >= 180);
  assert.equal(await page.locator('.sidebar').evaluate((el) => el.scrollTop), 0);
  await page.getByRole('heading', { name: 'Twin Console' }).waitFor();
  assert.equal(await page.getByRole('listbox', { name: 'Agents' }).getByRole('option').count() >= 2, true, 'agents are still on screen');
});

test('a bad agent URL is said at the field: what is wrong, an example that works, focus kept, nothing added', async (t) => {
  const { page, stop, core } = await startAppWithCore([]);
  t.after(stop);
  // No endpoint yet: Connections is open, and the form is at the bottom of the sidebar.
  const field = page.getByRole('textbox', { name: 'Agent URL' });
  await field.fill('localhost:7001');
  await page.getByRole('button', { name: 'Connect' }).click();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  assert.ok(describedBy, 'the field points at its error');
  const message = page.locator(`[id="${describedBy}"]`);
  const text = await message.innerText();
  assert.match(text, /^Start the address with ws:\/\/ or wss:\/\/ for a Twin Console agent, or http:\/\/ or https:\/\/ for an A2A agent\./);
  assert.match(text, /ws:\/\/localhost:7001/, 'an example of a valid v1 URL');
  assert.match(text, /https:\/\/agent\.example\.com/, 'an example of a valid A2A URL');
  assert.doesNotMatch(text, /INVALID_REQUEST|[A-Z]{3,}_[A-Z]+/, 'no raw error code');
  assert.equal(await field.evaluate((el) => el === (globalThis as unknown as PageWindow).document.activeElement), true, 'focus stays in the field');
  const box = await field.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height, 'the field is on screen');
  // The sidebar's header did not scroll away to show it.
  assert.equal(await page.locator('.sidebar').evaluate((el) => el.scrollTop), 0);
  await page.getByRole('heading', { name: 'Twin Console' }).waitFor();

  await field.fill('ftp://agents.example.com');
  await page.getByRole('button', { name: 'Connect' }).click();
  await message.getByText(/cannot talk to ftp:\/\/ addresses/).waitFor();
  const listed = await core.api.endpoints.list();
  assert.ok(listed.ok && listed.value.length === 0, 'nothing was added');

  // Typing a good address clears the error as it is typed.
  await field.fill('ws://127.0.0.1:9');
  assert.equal(await field.getAttribute('aria-invalid'), null);
  assert.equal(await message.count(), 0);
});

test('a degraded link is never a green Online: roster, chat header, Home and Connections say Degraded with one shape', async (t) => {
  // An agent that says hello and then nothing: no pong, so the heartbeat finds the link silent.
  const agent = await RawAgent.start([card('quiet-twin', { name: 'Quiet Twin' })]);
  t.after(() => agent.close());
  const { page, stop } = await startApp([{ url: agent.url }], { heartbeatMs: 200, degradedAfterMs: 1_000, offlineAfterMs: 600_000 });
  t.after(stop);
  const row = page.locator('[data-agent-id="quiet-twin"]');
  await page.locator('[data-agent-id="quiet-twin"][data-link-status="degraded"]').waitFor({ timeout: 15_000 });
  assert.equal(await row.getAttribute('data-link-state'), 'online', 'the socket is up');
  assert.equal(await row.getByRole('img', { name: 'Degraded' }).count(), 1);
  assert.equal(await page.getByRole('img', { name: 'Online', exact: true }).count(), 0, 'no Online dot anywhere');
  assert.match((await row.getAttribute('aria-label')) ?? '', /degraded/);

  // Home: under "Agents offline or degraded", with the roster's diamond.
  const home = page.getByRole('region', { name: 'Agents offline or degraded' });
  await home.getByRole('button', { name: /Quiet Twin, degraded/ }).waitFor();
  assert.equal(await home.locator('.link-dot.link-degraded').count(), 1);

  // The shape differs from online's, not only the colour.
  const degradedShape = await row.locator('.link-dot').evaluate((el) => (globalThis as unknown as PageWindow).getComputedStyle(el).transform);
  assert.notEqual(degradedShape, 'none');

  // Connections: the endpoint's dot and word.
  const connectionsSummary = page.locator('summary', { hasText: 'Connections' });
  await connectionsSummary.filter({ hasText: '1 of 1 degraded' }).waitFor();
  await connectionsSummary.click();
  const endpoints = page.getByRole('group', { name: 'Endpoints' });
  await endpoints.getByRole('img', { name: 'Degraded' }).waitFor();
  await endpoints.locator('.endpoint-state', { hasText: 'Degraded' }).waitFor();

  // "Online only" is who answers now: the degraded agent is left out, as its dot says.
  // Its name is its own words (the count beside it is not part of it).
  const onlineOnly = page.getByRole('checkbox', { name: 'Online only', exact: true });
  await onlineOnly.check();
  await page.getByTestId('roster-count').filter({ hasText: '0/1' }).waitFor();
  await onlineOnly.uncheck();
  await row.waitFor();
  // The palette says Degraded too, and offers to show the row (a socket that is up has nothing to redial).
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('check connection');
  // The endpoint is a launch-flag one: it goes by the agent behind it, not its port.
  const check = page.getByRole('listbox').getByRole('option', { name: /^Check connection: Quiet Twin ?Degraded$/ });
  await check.waitFor();
  assert.equal(await page.getByRole('option', { name: /^Retry connection now: Quiet Twin/ }).count(), 0);
  await page.keyboard.press('Escape');

  // The chat header: name, role, then the state in words; the link's figures in a quieter row under it.
  await row.click();
  const header = page.getByRole('region', { name: 'Conversation with Quiet Twin' }).locator('.conversation-header');
  await header.getByRole('heading', { name: 'Quiet Twin' }).waitFor();
  await header.locator('[data-link-status="degraded"]', { hasText: 'Degraded' }).waitFor();
  const figures = page.getByRole('region', { name: 'Link to Quiet Twin' });
  await figures.locator('dt', { hasText: 'Last seen' }).waitFor();
  assert.equal(await figures.getByText('RTT').count(), 0, 'no abbreviations');
  assert.equal(await figures.locator('dt', { hasText: 'Round trip' }).count(), 0, 'no round trip shown while none was measured');
  assert.equal(await figures.locator('dt', { hasText: 'Refused' }).count(), 0, 'no refused count while there is none');
  // The figures come after the name, in reading order.
  const order = await header.evaluate((el) => {
    const h = el.querySelector('h2')!;
    const f = el.querySelector('.agent-detail')!;
    // 4: DOCUMENT_POSITION_FOLLOWING
    return Boolean(h.compareDocumentPosition(f) & 4);
  });
  assert.equal(order, true);

  // A refused frame shows up, counted, in words.
  agent.sendRaw('this is not JSON');
  await figures.locator('dt', { hasText: 'Refused' }).waitFor();
  await figures.getByText('1 frame', { exact: true }).waitFor();
});

test('decision cards say metric ids as words and format money and percentages', async (t) => {
  const gateway = await serveGateway([twin('cmo-twin', 'CMO Twin')], { heartbeatMs: 0 });
  t.after(() => gateway.close());
  const { page, stop } = await startApp([{ url: gateway.url }], { heartbeatMs: 500 });
  t.after(stop);
  await page.locator('[data-agent-id="cmo-twin"][data-link-state="online"]').waitFor();
  gateway.agent('cmo-twin').propose({
    summary: 'Launch a live poll to re-engage webinar viewers',
    reasoning: 'Engagement dropped.',
    confidence: 0.82,
    context: { metric: 'webinar_viewers', before: 1840, after: 1210, budget_usd: 42000, discount: 0.1 },
  });
  await page.getByRole('button', { name: /Needs you/ }).click();
  const decision = page.getByRole('article', { name: 'Decision: Launch a live poll to re-engage webinar viewers' });
  await decision.getByText('Webinar viewers', { exact: true }).waitFor();
  assert.equal(await decision.getByText('webinar_viewers').count(), 0, 'no raw metric id');
  await decision.getByText('$42,000', { exact: true }).waitFor();
  await decision.getByText('10%', { exact: true }).waitFor();
  await decision.getByText('1,840', { exact: true }).waitFor();

  // The chat header's quiet row says the round trip in words, once one is measured.
  await page.locator('[data-agent-id="cmo-twin"]').click();
  const figures = page.getByRole('region', { name: 'Link to CMO Twin' });
  await figures.locator('dt:text-is("Round trip") + dd').filter({ hasText: /^\d+ ms$/ }).waitFor({ timeout: 20_000 });
});
