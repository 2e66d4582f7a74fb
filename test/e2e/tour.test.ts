import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';

test('the first-run tour: five steps with Next and Back, non-modal, focus on its heading, shown once per data dir, back from the palette, Esc ends it', async (t) => {
  const agent = await RawAgent.start([card('cmo-twin', { name: 'CMO Twin', department: 'Marketing' })]);
  t.after(() => agent.close());
  // The test runner starts every console with the tour done; this one is a first run.
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, tourDone: false });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(host.url);

  const tour = page.getByRole('dialog', { name: 'Home: what needs you' });
  await tour.waitFor();
  assert.equal(await tour.getAttribute('aria-modal'), 'false');
  await tour.getByText('Step 1 of 5').waitFor();
  const focused = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent);
  assert.equal(await focused(), 'Home: what needs you', 'focus starts on the tour heading');
  assert.ok(await tour.getByRole('button', { name: 'Back' }).isDisabled());
  await page.getByRole('heading', { name: 'Home', exact: true }).waitFor();

  // Not blocking: the app works under the tour.
  await page.getByRole('button', { name: 'Rooms', exact: true }).click();
  assert.equal(await page.getByRole('button', { name: 'Rooms', exact: true }).getAttribute('aria-pressed'), 'true');

  // Each step shows its place.
  await page.getByRole('button', { name: 'Next' }).click();
  const step2 = page.getByRole('dialog', { name: 'A conversation' });
  await step2.getByText('Step 2 of 5').waitFor();
  await page.getByRole('log', { name: 'Messages with CMO Twin' }).waitFor();
  assert.equal(await focused(), 'A conversation', 'focus follows the step');
  await step2.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('dialog', { name: 'Home: what needs you' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('dialog', { name: 'Needs you' }).getByText('Step 3 of 5').waitFor();
  await page.getByRole('region', { name: 'Decisions' }).getByRole('heading', { name: 'Needs you' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('dialog', { name: 'Alerts' }).getByText('Step 4 of 5').waitFor();
  await page.getByRole('list', { name: 'Alert list' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  const last = page.getByRole('dialog', { name: 'The command palette' });
  await last.getByText('Step 5 of 5').waitFor();
  await last.getByRole('button', { name: 'Done' }).click();
  await last.waitFor({ state: 'detached' });
  assert.deepEqual(await core.invoke('tour:get-state', {}), { ok: true, value: { done: true } });

  // Once per data dir: a new tab does not show it again. The palette's data is answered after the tour's state (one
  // socket, in order), so once the palette lists an agent, a first-run tour would already be on screen.
  const second = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  second.on('pageerror', (error) => errors.push(error.message));
  await second.goto(host.url);
  await second.getByRole('heading', { name: 'Home', exact: true }).waitFor();
  await second.keyboard.press('Control+k');
  await second.getByRole('combobox', { name: 'Command' }).fill('cmo twin');
  await second.getByRole('option', { name: /CMO Twin/ }).first().waitFor();
  assert.equal(await second.getByRole('dialog', { name: /what needs you/ }).count(), 0, 'not shown a second time');

  // The palette brings it back; Esc ends it (the palette's own Esc is the palette's).
  await second.getByRole('combobox', { name: 'Command' }).fill('show the tour');
  await second.keyboard.press('Enter');
  const again = second.getByRole('dialog', { name: 'Home: what needs you' });
  await again.getByText('Step 1 of 5').waitFor();
  await second.keyboard.press('Escape');
  await again.waitFor({ state: 'detached' });

  // "Skip tour" ends it too.
  await second.keyboard.press('Control+k');
  await second.getByRole('combobox', { name: 'Command' }).fill('show the tour');
  await second.keyboard.press('Enter');
  await again.getByRole('button', { name: 'Skip tour' }).click();
  await again.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await browser.close();
});
