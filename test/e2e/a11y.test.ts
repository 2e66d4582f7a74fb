/**
 * axe-core on every view (test/support/view-tour.ts), in the light and the dark theme: no serious or critical
 * violation (issue 14). Each one found is printed with its rule, help text and the selectors of its elements. And the
 * theme follows the OS, with a manual override that a reload keeps.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { startDemoFleet } from '../../src/agent-kit/demo/demo-fleet';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';
import { tourViews } from '../support/view-tour';

const BLOCKING = new Set(['serious', 'critical']);

async function startStory(t: { after(fn: () => Promise<void>): void }) {
  // The story demo: a waiting decision and firing alerts, so their cards and rows are checked too.
  const fleet = await startDemoFleet({ activity: 'story', tickMs: 40, streamDelayMs: 0 });
  const core = createCore({ dataDir: tempDir(), endpoints: fleet.urls.map((url) => ({ url })), logger: silentLogger });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(async () => {
    await host.close();
    await core.close();
    await fleet.close();
  });
  // A refused endpoint, so Connections explains a problem.
  await core.api.endpoints.add({ url: 'ws://127.0.0.1:9' });
  return host;
}

async function scan(page: Page, where: string): Promise<string[]> {
  // axe's default rule set: WCAG 2.0-2.2 A and AA (label in name and colour contrast included) plus best practices.
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map(
      (violation) =>
        `${where}: [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n` +
        violation.nodes
          .slice(0, 8)
          .map((node) => `    ${node.target.join(' ')}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 240)}` : ''}`)
          .join('\n'),
    );
}

test('every view has no serious or critical axe violation, in the light and the dark theme', async (t) => {
  const browser = await launchChromium();
  const host = await startStory(t);
  const found: string[] = [];
  const visited: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    // axe opens a page of its own in the context to assemble its results, so the page gets a context of its own.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('region', { name: 'Decisions waiting' }).getByRole('button', { name: /Launch a live poll/ }).waitFor();
    assert.equal(await page.locator('html').getAttribute('data-theme'), theme, 'the app follows the OS scheme');
    await tourViews(page, async (name) => {
      visited.push(`${name} (${theme})`);
      found.push(...(await scan(page, `${name} (${theme})`)));
    });
    // A bad agent URL, said at its field in the sidebar's colours.
    const manager = page.locator('.endpoint-manager');
    if (!(await manager.evaluate((el) => el.hasAttribute('open')))) await manager.locator('summary').click();
    const field = page.getByRole('textbox', { name: 'Agent URL' }).last();
    await field.fill('localhost:7001');
    await page.getByRole('button', { name: 'Connect', exact: true }).last().click();
    await page.locator('.endpoint-url-error').waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    visited.push(`connections-url-error (${theme})`);
    found.push(...(await scan(page, `connections-url-error (${theme})`)));
    await context.close();
  }
  if (found.length > 0) console.log(`axe found:\n${found.join('\n')}`);
  assert.ok(visited.length >= 2 * 13, `every view was visited: ${visited.join(', ')}`);
  assert.deepEqual(found, [], `${found.length} serious or critical axe violations (printed above)`);
});

test('the theme follows the OS until the operator picks one, and the choice survives a reload', async (t) => {
  const browser = await launchChromium();
  const host = await startStory(t);
  const page = await browser.newPage({ colorScheme: 'light' });
  await page.goto(host.url);
  const html = page.locator('html');
  const setting = page.getByRole('combobox', { name: 'Theme' });
  await setting.waitFor();
  assert.equal(await html.getAttribute('data-theme'), 'light');

  // System follows the OS live.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  assert.equal(await setting.inputValue(), 'system');

  // A manual choice overrides the OS, and is kept.
  await setting.selectOption({ label: 'Light' });
  assert.equal(await html.getAttribute('data-theme'), 'light');
  await page.reload();
  await setting.waitFor();
  assert.equal(await html.getAttribute('data-theme'), 'light');
  assert.equal(await setting.inputValue(), 'light');
  const background = await page.evaluate("getComputedStyle(document.documentElement).backgroundColor");

  // The palette offers the same setting.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('theme dark');
  await page.keyboard.press('Enter');
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  assert.notEqual(await page.evaluate("getComputedStyle(document.documentElement).backgroundColor"), background, 'the colours changed');

  await setting.selectOption('system');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
});

test('the keyboard focus ring stands out (3:1 or more) on the main area and the sidebar, in both themes', async (t) => {
  const browser = await launchChromium();
  const host = await startStory(t);
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('region', { name: 'Decisions waiting' }).getByRole('button', { name: /Launch a live poll/ }).waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Needs you/ }).click();
    await page.getByRole('button', { name: 'Approve' }).first().waitFor();
    // Keyboard first, so Chromium shows :focus-visible for what is focused next.
    await page.keyboard.press('Tab');
    for (const control of [
      page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Alerts/ }),
      page.getByRole('button', { name: 'Approve' }).first(),
      page.getByRole('textbox', { name: /Comment/ }).first(),
    ]) {
      await control.focus();
      const ring = (await page.evaluate(`(${READ_RING})(document.activeElement)`)) as { color: string; width: number; style: string; surface: string };
      const where = `${theme}: ${await control.getAttribute('aria-label') ?? await control.textContent()}`;
      assert.equal(ring.style, 'solid', where);
      assert.ok(ring.width >= 2, `${where}: ring ${ring.width}px`);
      const ratio = contrast(ring.color, ring.surface);
      assert.ok(ratio >= 3, `${where}: ring ${ring.color} on ${ring.surface} is ${ratio.toFixed(2)}:1`);
    }
    await context.close();
  }
});

/**
 * The focused element's outline and the surface behind it (the nearest ancestor with an opaque background). A string:
 * the test compiles without DOM types, and the page gets no bundler helpers.
 */
const READ_RING = `(element) => {
  let surface = element.parentElement;
  while (surface && /^rgba\\(.*,\\s*0\\)$|^transparent$/.test(getComputedStyle(surface).backgroundColor)) surface = surface.parentElement;
  const style = getComputedStyle(element);
  return {
    color: style.outlineColor,
    width: parseFloat(style.outlineWidth),
    style: style.outlineStyle,
    surface: getComputedStyle(surface ?? document.documentElement).backgroundColor,
  };
}`;

/** WCAG contrast ratio of two computed `rgb(...)` colours. */
function contrast(first: string, second: string): number {
  const luminance = (color: string) => {
    const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
    const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const [a, b] = [luminance(first), luminance(second)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
