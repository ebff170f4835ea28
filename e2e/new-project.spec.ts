/**
 * A project created from a real spec other than the demo's, through the UI: the Test view renders
 * its sample and payload panes (with no mappings and after Auto-map) instead of crashing, and the
 * coverage meter of an operation with no required targets reads neutral, not complete.
 */
import { resolve } from 'node:path';
import { test, expect, corpusDir, screenshot } from './fixtures';
import { StudioPage } from './pages/studio-page';

const APIDECK = resolve(corpusDir, 'real', 'apideck-issue-tracking.yaml');

test('new project from the apideck spec: the Test view renders with no mappings and after Auto-map', async ({ studio, server, problems }) => {
  const app = new StudioPage(studio);
  await app.closeProjectIfOpen();
  await app.openSpecFile(APIDECK);
  await expect(studio.getByRole('heading', { level: 1, name: /^Issue Tracking API/ })).toBeVisible({ timeout: 30_000 });
  await app.newProjectFromSpec('Issue tracking', `${server.home}/issue-tracking.connector.json`, APIDECK);

  const crashed = studio.getByText(/Something went wrong in the Test view/);
  const checkTestView = async (shot: string) => {
    await studio.keyboard.press('Alt+6');
    await expect(studio.getByRole('heading', { level: 1, name: 'Test' })).toBeVisible();
    await expect(studio.getByRole('heading', { level: 2, name: 'Sample' })).toBeVisible();
    await expect(studio.getByRole('heading', { level: 2, name: 'Mapped payload' })).toBeVisible();
    // The sample loads into the editor and the engine answers with a payload and a status.
    await expect(studio.getByTestId('sample-editor').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
    await expect(studio.getByTestId('payload')).toBeVisible({ timeout: 20_000 });
    await expect(studio.getByTestId('payload-status')).not.toHaveText('Validating…', { timeout: 20_000 });
    // Still rendered a moment later (a render loop would have replaced the view by now).
    await studio.waitForTimeout(300);
    await expect(crashed).toHaveCount(0);
    await expect(studio.getByRole('heading', { level: 2, name: 'Mapped payload' })).toBeVisible();
    await screenshot(studio, shot);
    expect(problems).toEqual([]);
  };

  // No mappings yet: the project's document has no samples list either.
  await checkTestView('new-project-01-test-empty');

  // The coverage meter: the apideck create-ticket body requires nothing, so it reads neutral
  // ("Required 0/0", an empty bar), not complete.
  await studio.keyboard.press('Alt+5');
  const meter = studio.getByRole('button', { name: 'Required targets mapped: 0 of 0' });
  await expect(meter).toBeVisible();
  await expect(meter).toHaveAttribute('data-state', 'empty');
  await expect(meter.locator('.coverage__bar > span')).toHaveAttribute('style', /width: 0%/);
  await meter.click();
  await expect(studio.getByRole('dialog', { name: 'Unmapped required targets' })).toContainText('No required targets');
  await meter.click();

  // Auto-map, accept every suggestion, then the Test view again.
  await studio.getByRole('button', { name: 'Auto-map…' }).click();
  const automap = studio.getByRole('dialog', { name: 'Auto-map suggestions' });
  await expect(automap).toBeVisible();
  const apply = automap.getByRole('button', { name: /^Map \d+ fields?$/ });
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(automap).toBeHidden();
  await checkTestView('new-project-02-test-automapped');
  // The payload now carries at least one mapped value.
  await expect(studio.getByTestId('payload').getByRole('button', { name: /^Trace / }).first()).toBeVisible();
});
