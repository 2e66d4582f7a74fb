import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { nextEvent } from '../support/wait-for';

const SHOTS = process.env.POLISH_SHOTS_DIR;

test('the palette in Chromium: fuzzy, grouped, recent first; runs alert actions, a guarded approval, an export; ? opens the shortcut sheet', async (t) => {
  const agent = await RawAgent.start([card('cso-twin', { name: 'CSO Twin', department: 'Sales' })]);
  t.after(() => agent.close());
  const dataDir = tempDir();
  const core = createCore({ dataDir, endpoints: [{ url: agent.url }], logger: silentLogger, alerts: { flapHoldMs: 0 } });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, exportsDir: path.join(dataDir, 'exports') });
  t.after(() => host.close());
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(host.url);
  await page.getByRole('button', { name: /CSO Twin/ }).first().waitFor();

  const alertArrived = nextEvent(core, 'alert:changed', (a) => a.title === 'Pipeline coverage below 2x' && a.state === 'firing');
  agent.send({ type: 'alert', id: 'al-1', severity: 'critical', title: 'Pipeline coverage below 2x', dedupe_key: 'coverage', state: 'firing' });
  const alert = await alertArrived;

  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const command = palette.getByRole('combobox', { name: 'Command' });
  const openPalette = async () => {
    await page.keyboard.press('Control+k');
    await command.waitFor();
  };

  await t.test('"Acknowledge alert …" found by a fuzzy query, under the Alerts heading, acknowledges the alert', async () => {
    await openPalette();
    await command.fill('ackpipe');
    const option = palette.getByRole('group', { name: 'Alerts' }).getByRole('option', { name: /^Acknowledge alert: Pipeline coverage below 2x/ });
    await option.waitFor();
    assert.equal(await option.getAttribute('aria-selected'), 'true', 'the best hit is highlighted');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'palette-fuzzy.png') });
    const acknowledged = nextEvent(core, 'alert:changed', (a) => a.id === alert.id && a.state === 'acknowledged');
    await command.press('Enter');
    await acknowledged;
    await palette.waitFor({ state: 'detached' });

    // An acknowledged alert can still be silenced or resolved from the palette.
    await openPalette();
    await command.fill('silence pipeline');
    await palette.getByRole('option', { name: /^Silence alert for 1 hour: Pipeline coverage below 2x/ }).waitFor();
    await palette.getByRole('option', { name: /^Acknowledge alert/ }).waitFor({ state: 'detached' });
    const silenced = nextEvent(core, 'alert:changed', (a) => a.id === alert.id && a.silenced);
    await command.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await silenced;
    const silences = await core.api.silences.list();
    assert.ok(silences.ok && silences.value.some((s) => s.matcher === 'dedupe_key' && s.value === alert.dedupeKey));
  });

  await t.test('with nothing typed, sections show under headings and the command just run is first, under Recent', async () => {
    await openPalette();
    await palette.getByRole('option', { name: /^Go to History/ }).waitFor();
    for (const heading of ['Navigation', 'History', 'Connections', 'Settings', 'Agents']) {
      assert.equal(await palette.getByRole('group', { name: heading }).count(), 1, `${heading} section`);
    }
    await command.fill('quiet hours on');
    await palette.getByRole('option', { name: /^Turn quiet hours on/ }).waitFor();
    await command.press('Enter');
    await palette.waitFor({ state: 'detached' });
    // Reopened, the palette reads the settings again: the same command now turns them off, and it is the first recent.
    await openPalette();
    const recent = palette.getByRole('group', { name: 'Recent' });
    await recent.getByRole('option', { name: /^Turn quiet hours off/ }).waitFor();
    assert.match((await recent.getByRole('option').first().textContent()) ?? '', /Turn quiet hours off/);
    const settings = await core.api.notifications.getSettings();
    assert.equal(settings.ok && settings.value.quietHours.enabled, true);
    await command.press('Escape');
    await palette.waitFor({ state: 'detached' });
  });

  await t.test('a high-risk approval from the palette needs a deliberate confirmation', async () => {
    const proposed = nextEvent(core, 'decision:changed', (d) => d.summary === 'Roll back release 4.2');
    agent.send({ type: 'decision', id: 'd-1', summary: 'Roll back release 4.2', reasoning: 'Error rate doubled', confidence: 0.7, risk: 'high' });
    await proposed;
    await openPalette();
    await command.fill('approve roll back');
    await palette.getByRole('option', { name: /^Approve: Roll back release 4\.2/ }).waitFor();
    await command.press('Enter');
    const confirm = palette.getByRole('button', { name: 'Approve anyway' });
    await confirm.waitFor();
    const stillPending = await core.api.decisions.list({});
    assert.equal(stillPending.ok && stillPending.value.find((d) => d.id === 'd-1')?.state, 'pending', 'Enter alone approves nothing');
    const approved = nextEvent(core, 'decision:changed', (d) => d.id === 'd-1' && d.state === 'approved');
    await confirm.click();
    await approved;
  });

  await t.test('"Export all messages as JSON" opens History on Export and the file is there to download', async () => {
    await openPalette();
    await command.fill('export json');
    await palette.getByRole('option', { name: 'Export all messages as JSON' }).waitFor();
    await command.press('Enter');
    await page.getByRole('tab', { name: 'Export', selected: true }).waitFor();
    await page.getByRole('combobox', { name: 'Export format' }).filter({ has: page.locator('option[value="json"]:checked') }).waitFor();
    const download = page.getByRole('link', { name: /^Download twin-console-all-.*\.json$/ });
    await download.waitFor();
    assert.equal(await page.getByRole('progressbar', { name: 'Export progress' }).isVisible(), true);
    // The browser host has no desktop: no "Show in folder" there.
    assert.equal(await page.getByRole('button', { name: 'Show in folder' }).count(), 0);
    const name = ((await download.textContent()) ?? '').replace(/^Download /, '');
    assert.ok(fs.existsSync(path.join(dataDir, 'exports', name)));
  });

  await t.test('"Back up the message log now" makes a backup and shows it; "Add an agent endpoint" puts the cursor in its URL field', async () => {
    await openPalette();
    await command.fill('back up');
    await command.press('Enter');
    await page.getByRole('tab', { name: 'Backups & files', selected: true }).waitFor();
    await page.getByRole('region', { name: 'Backups and log files' }).getByRole('button', { name: 'Restore' }).waitFor();
    const backups = await core.api.backup.list();
    assert.equal(backups.ok && backups.value.length, 1);

    await openPalette();
    await command.fill('add endpoint');
    await palette.getByRole('group', { name: 'Connections' }).getByRole('option', { name: 'Add an agent endpoint' }).waitFor();
    await command.press('Enter');
    await page.waitForFunction(() => {
      const active = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement;
      return active?.getAttribute('aria-label') === 'Agent URL';
    });
  });

  await t.test('"Open History search" puts the cursor in the search box; a down endpoint offers "Retry connection now" with its reason', async () => {
    await openPalette();
    await command.fill('history search');
    await command.press('Enter');
    await page.waitForFunction(() => {
      const active = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement;
      return active?.getAttribute('aria-label') === 'Search messages';
    });

    const added = await core.api.endpoints.add({ url: 'ws://127.0.0.1:9' });
    assert.equal(added.ok, true);
    await openPalette();
    await command.fill('retry');
    const retry = palette.getByRole('group', { name: 'Connections' }).getByRole('option', { name: /^Retry connection now: 127\.0\.0\.1:9 ?Offline: Nothing is listening/ });
    await retry.waitFor();
    const redialed = nextEvent(core, 'endpoint:changed', (e) => e.url === 'ws://127.0.0.1:9' && e.linkState === 'connecting');
    await command.press('Enter');
    await redialed;
  });

  await t.test('? opens the shortcut sheet (not while typing), listing every area; Esc closes it', async () => {
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    const composer = page.getByRole('textbox', { name: /Message CSO Twin/ });
    await composer.click();
    await page.keyboard.type('?');
    assert.equal(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count(), 0, '? typed into the composer is text');
    assert.equal(await composer.inputValue(), '?');
    await composer.fill('');
    await page.getByRole('heading', { name: 'CSO Twin' }).click();
    await page.keyboard.press('Shift+Slash');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    for (const area of ['Global', 'Roster', 'Chat', 'Alerts', 'Decisions', 'Palette']) {
      await sheet.getByRole('heading', { name: area, exact: true }).waitFor();
    }
    await sheet.getByText('Acknowledge the selected alert').waitFor();
    await sheet.getByText('Open or close the command palette').waitFor();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'shortcut-sheet.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    // The palette offers the same sheet.
    await openPalette();
    await command.fill('keyboard shortcuts');
    await command.press('Enter');
    await sheet.waitFor();
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  assert.deepEqual(pageErrors, []);
});
