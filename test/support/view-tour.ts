/**
 * Every view of the app, visited the way an operator moves (by role and name): the one list the a11y test checks
 * and `npm run screenshots` photographs, so a view added here is covered by both. `visit(name)` runs on each, with
 * the view settled.
 */
import type { Page } from 'playwright-core';

export type VisitView = (name: string) => Promise<void>;

export async function tourViews(page: Page, visit: VisitView): Promise<void> {
  const sidebarViews = page.getByRole('navigation', { name: 'Views' });
  const view = (name: RegExp) => sidebarViews.getByRole('button', { name });

  await visit('first-screen');

  // Home (added by another branch): checked when it exists.
  if ((await view(/^Home/).count()) > 0) {
    await view(/^Home/).click();
    await visit('home');
  }

  await view(/^Chat/).click();
  await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /^CMO Twin/ }).click();
  const composer = page.getByRole('textbox', { name: 'Message CMO Twin' });
  await composer.fill('How is the campaign doing?');
  await composer.press('Enter');
  await page.getByRole('log', { name: 'Messages with CMO Twin' }).getByText('How is the campaign doing?').last().waitFor();
  await visit('chat');

  await view(/^Alerts/).click();
  await page.getByRole('list', { name: 'Alert list' }).getByRole('listitem').first().waitFor();
  await visit('alerts');
  await page.getByRole('region', { name: 'Alert detail' }).getByRole('button', { name: 'Silence…' }).click();
  await visit('alerts-silence');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await view(/^Needs you/).click();
  await page.getByRole('region', { name: 'Decisions' }).waitFor();
  await visit('decisions');

  await view(/^Broadcast/).click();
  await page.getByRole('region', { name: 'Broadcast' }).waitFor();
  await visit('broadcast');

  await view(/^Rooms/).click();
  await page.getByRole('button', { name: 'Create room' }).click();
  await visit('rooms-validation');
  await page.getByRole('textbox', { name: 'Room name' }).fill('Launch');
  await page.getByRole('checkbox', { name: /CMO Twin/ }).check();
  await page.getByRole('checkbox', { name: /CSO Twin/ }).check();
  await page.getByRole('button', { name: 'Create room' }).click();
  await page.getByRole('combobox', { name: 'Message room Launch' }).pressSequentially('@c');
  await visit('rooms-mention');

  await view(/^History/).click();
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('campaign');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /result/ }).waitFor();
  await visit('history-search');
  for (const [tab, name] of [
    ['Export', 'history-export'],
    ['Stats', 'history-stats'],
    ['Backups & files', 'history-files'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await visit(name);
  }

  const connections = page.getByRole('group', { name: 'Endpoints' }).getByText('Connections', { exact: false }).first();
  await connections.click();
  await page.getByRole('group', { name: /Connection problem/ }).first().waitFor();
  await visit('connections');
  await connections.click();

  await view(/^Needs you/).click();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('go to');
  await visit('palette');
  await page.keyboard.press('Escape');
}
