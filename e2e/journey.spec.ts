/**
 * The consultant's day, in browser mode against the embedded demo sandbox: open the demo
 * project → store the sandbox password → Test Connection → Refresh Fields → map three fields by
 * dragging, a value map, a date convert and a custom Jsonnet script with a deliberate error (a
 * diagnostic from the real engine) that is then fixed → the preview validates → send create →
 * record ID → fetch → sent-vs-returned diff → update. Screenshots of every screen go to
 * test-results/screens/journey-*.png.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';
import { StudioPage } from './pages/studio-page';

const PASSWORD = 'demo-sandbox-pass';

function tree(page: Page, side: 'Source' | 'Target'): Locator {
  return page.getByRole('tree', { name: `${side} fields` });
}

function field(page: Page, side: 'Source' | 'Target', key: string): Locator {
  return tree(page, side).getByRole('treeitem', { name: key, exact: true });
}

async function filter(page: Page, side: 'Source' | 'Target', text: string): Promise<void> {
  await page.getByLabel(`Filter ${side.toLowerCase()} fields`).fill(text);
}

/** Deletes the mapping of `target` through the overview list and the inspector. */
async function deleteMapping(page: Page, target: string): Promise<void> {
  await page.getByRole('list', { name: 'All mappings' }).getByRole('button', { name: `Edit mapping ${target}`, exact: true }).click();
  await page.getByRole('button', { name: 'Delete mapping' }).click();
  await expect(page.getByRole('list', { name: 'All mappings' }).getByRole('button', { name: `Edit mapping ${target}`, exact: true })).toHaveCount(0);
}

async function drag(page: Page, source: string, target: string, filters?: { source?: string; target?: string }): Promise<void> {
  await filter(page, 'Source', filters?.source ?? '');
  await filter(page, 'Target', filters?.target ?? '');
  await field(page, 'Source', source).dragTo(field(page, 'Target', target));
  const inspector = page.getByRole('region', { name: `Mapping ${target.replace(/\[\]/g, '[0]')}` });
  await expect(inspector).toBeVisible();
}

/** Replaces the text of the Monaco editor inside `box`. */
async function setMonacoText(page: Page, box: Locator, text: string): Promise<void> {
  await box.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('journey: demo project → credentials → fields → mapping → live preview → sandbox round trip', async ({ studio }) => {
  test.setTimeout(240_000);
  const app = new StudioPage(studio);
  await app.openDemo();
  // The demo's recorded spec hash may trail the bundled spec: keep the project as it is.
  const notNow = studio.getByRole('button', { name: 'Not now' });
  if (await notNow.isVisible().catch(() => false)) await notNow.click();
  await screenshot(studio, 'journey-01-start');

  // ---- environment: password, Test Connection, Refresh Fields
  await app.go('Environment');
  await studio.getByLabel('Password for sandbox').fill(PASSWORD);
  await studio.getByRole('button', { name: /Store in keychain|Keep for session/ }).click();
  await expect(studio.getByLabel('Password for sandbox')).toHaveValue('');
  await studio.getByRole('button', { name: 'Test connection', exact: true }).click();
  await expect(studio.getByTestId('connection-result')).toContainText(/200|connected|ok/i);
  await studio.getByRole('button', { name: 'Refresh fields', exact: true }).click();
  await expect(studio.getByTestId('fields-summary')).toContainText('live metadata endpoint');
  await screenshot(studio, 'journey-02-environment');

  // ---- mapping canvas
  await app.go('Mapping');
  await expect(field(studio, 'Target', 'title')).toBeVisible();
  await expect(field(studio, 'Source', 'title')).toBeVisible();
  await screenshot(studio, 'journey-03-mapping-canvas');

  // Three fields by dragging (their demo mappings removed first, so the drags create them).
  for (const t of ['title', 'site.address.city', 'customer.name', 'priority', 'scheduled_start']) await deleteMapping(studio, t);
  await expect(studio.getByRole('button', { name: /Required targets mapped: \d+ of \d+/ })).toBeVisible();
  await drag(studio, 'title', 'title');
  await expect(studio.getByLabel('Action', { exact: true })).toHaveValue('sync');
  await drag(studio, 'location.city', 'site.address.city', { source: 'location.city', target: 'city' });
  await drag(studio, 'client.name', 'customer.name', { source: 'client.name', target: 'customer' });
  await screenshot(studio, 'journey-04-mapping-dragged');

  // Undo / redo of the last connection (domain edit), by keyboard, with focus on the canvas.
  await filter(studio, 'Source', '');
  await filter(studio, 'Target', '');
  await field(studio, 'Target', 'title').focus();
  await studio.keyboard.press('ControlOrMeta+Z');
  await expect(studio.getByRole('list', { name: 'All mappings' }).or(studio.getByRole('region', { name: /^Mapping / }))).toBeVisible();
  await expect(studio.getByRole('button', { name: 'Edit mapping client.name → customer.name (Sync)' })).toHaveCount(0);
  await studio.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(studio.getByRole('button', { name: 'Edit mapping client.name → customer.name (Sync)' })).toHaveCount(1);

  // A value map: priority (the target is an enum, so the connection starts as a value map seeded from it).
  await drag(studio, 'priority', 'priority');
  await expect(studio.getByLabel('Action', { exact: true })).toHaveValue('array_map');
  const vmap = studio.getByRole('table', { name: 'Value map' });
  await expect(vmap.getByRole('row')).toHaveCount(5); // header + low/normal/high/urgent
  // The sample's priority ("high") hits the seeded "high" row; make "urgent" come from "emergency" too.
  await studio.getByRole('button', { name: '+ Row' }).click();
  await studio.getByLabel('Row 5 compare', { exact: true }).fill('emergency');
  await studio.getByLabel('Row 5 compare', { exact: true }).press('Enter');
  await studio.getByLabel('Row 5 value', { exact: true }).fill('urgent');
  await studio.getByLabel('Row 5 value', { exact: true }).press('Enter');
  await expect(studio.getByRole('status', { name: 'Sample result' })).toContainText('"high"');
  await screenshot(studio, 'journey-05-value-map');

  // A date convert: schedule start (FN UTC "YYYY-MM-DD HH:mm:ss") → ISO date-time in Chicago time.
  await drag(studio, 'schedule.service_window.start.utc', 'scheduled_start', { source: 'service_window.start.utc', target: 'scheduled_start' });
  await studio.getByLabel('Action', { exact: true }).selectOption('date_convert');
  await studio.getByLabel('Output time zone').fill('America/Chicago');
  await studio.getByLabel('Output time zone').press('Enter');
  await expect(studio.getByRole('status', { name: 'Sample conversion' })).toContainText('"2026-03-10T09:00:00-05:00"');
  await screenshot(studio, 'journey-06-date-convert');

  // The range and concat editors of the demo's own mappings, with their sample previews.
  await filter(studio, 'Target', 'effort_band');
  await field(studio, 'Target', 'effort_band').click();
  await expect(studio.getByRole('table', { name: 'Ranges' })).toBeVisible();
  await expect(studio.getByRole('status', { name: 'Range preview' })).toContainText('3.5');
  await studio.getByLabel('Try a value').fill('100');
  await expect(studio.getByRole('status', { name: 'Range preview' })).toContainText('default');
  await screenshot(studio, 'journey-06d-range');
  await filter(studio, 'Target', 'technician');
  await field(studio, 'Target', 'technician.name').click();
  await expect(studio.getByRole('list', { name: 'Concat parts' })).toBeVisible();
  await expect(studio.getByRole('status', { name: 'Concat preview' })).toContainText('Sam Tester');
  await screenshot(studio, 'journey-06e-concat');

  // Keyboard alternative: select a source (Enter), then a target (Enter).
  await filter(studio, 'Source', 'completion_notes');
  await field(studio, 'Source', 'completion_notes').focus();
  await studio.keyboard.press('Enter');
  await expect(studio.getByRole('status').filter({ hasText: 'Connecting from completion_notes' })).toBeVisible();
  await filter(studio, 'Target', 'description');
  await field(studio, 'Target', 'description').focus();
  await studio.keyboard.press('Enter');
  await expect(studio.getByRole('region', { name: 'Mapping description' }).getByLabel('Source path')).toHaveValue('completion_notes');

  // Auto-map proposes, never overwrites: every suggestion is for a target nothing maps yet.
  await studio.getByRole('button', { name: 'Auto-map…' }).click();
  const automap = studio.getByRole('dialog', { name: 'Auto-map suggestions' });
  await expect(automap).toBeVisible();
  for (const cell of await automap.locator('tbody tr td:nth-child(3)').allInnerTexts()) {
    expect(['title', 'priority', 'description', 'site.address.city', 'customer.name', 'scheduled_start']).not.toContain(cell.trim());
  }
  await screenshot(studio, 'journey-06b-automap');
  await automap.getByRole('button', { name: 'Cancel' }).click();

  // The inbound direction has its own canvas (external record → work order).
  await studio.getByRole('radio', { name: /^Inbound/ }).click();
  await filter(studio, 'Source', '');
  await filter(studio, 'Target', '');
  await expect(studio.getByText('external record ·')).toBeVisible();
  await screenshot(studio, 'journey-06c-inbound');
  await studio.getByRole('radio', { name: /^Outbound/ }).click();

  // A custom Jsonnet script with a deliberate error → the engine's diagnostic → fixed.
  // Clicking a mapped target field opens its mapping.
  await filter(studio, 'Target', 'notes');
  await field(studio, 'Target', 'notes').click();
  await expect(studio.getByLabel('Action', { exact: true })).toHaveValue('custom');
  const scriptBox = studio.getByLabel('Jsonnet script', { exact: true });
  await expect(scriptBox.locator('.monaco-editor')).toBeVisible();
  await setMonacoText(studio, scriptBox, "local t = $.input.title;\n'Ref ' + std.asciiUpper(t");
  const diagnostics = studio.getByTestId('jsonnet-diagnostics');
  await expect(diagnostics.getByRole('alert')).toContainText(/^\s*\d+:\d+/);
  await expect(scriptBox.locator('.squiggly-error').first()).toBeAttached();
  await screenshot(studio, 'journey-07-jsonnet-error');
  // Completion: std.* with signatures, $.input. field paths from the source tree.
  await setMonacoText(studio, scriptBox, 'std.asc');
  await studio.keyboard.press('Control+Space');
  const suggest = scriptBox.locator('.suggest-widget');
  await expect(suggest).toContainText('asciiUpper');
  await studio.keyboard.press('Escape');
  await setMonacoText(studio, scriptBox, '$.input.loc');
  await studio.keyboard.press('Control+Space');
  await expect(suggest).toContainText('location');
  await screenshot(studio, 'journey-07b-jsonnet-completion');
  await studio.keyboard.press('Escape');
  await setMonacoText(studio, scriptBox, "local t = $.input.title;\n'Ref ' + std.asciiUpper(t)");
  await expect(diagnostics.getByRole('status')).toContainText('No errors');
  await expect(diagnostics).toContainText('Ref REPLACE POINT-OF-SALE TERMINAL');
  await screenshot(studio, 'journey-08-jsonnet-fixed');

  // ---- live preview
  await app.go('Test');
  const status = studio.getByTestId('payload-status');
  await expect(status).toHaveText('✓ Valid against the request schema');
  const payload = studio.getByTestId('payload');
  await expect(payload.getByRole('button', { name: 'Trace priority', exact: true })).toHaveText('"high"');
  await payload.getByRole('button', { name: 'Trace scheduled_start', exact: true }).click();
  const trace = studio.getByRole('region', { name: 'Field trace' });
  await expect(trace).toContainText('schedule.service_window.start.utc');
  await expect(trace).toContainText('2026-03-10 14:00:00');
  await screenshot(studio, 'journey-09-test-panel');

  // Editing the sample updates the payload (priority "high" → "emergency" → urgent).
  const sampleBox = studio.getByTestId('sample-editor');
  await sampleBox.locator('.monaco-editor .view-lines').click();
  await studio.keyboard.press('ControlOrMeta+F');
  await studio.keyboard.insertText('high'); // only the priority value says "high" in the bundled sample
  await studio.keyboard.press('Enter');
  await studio.keyboard.press('Escape');
  await studio.keyboard.type('emergency');
  await expect(payload.getByRole('button', { name: 'Trace priority', exact: true })).toHaveText('"urgent"');

  // A value no row maps (and no default): priority is left out, and the required-field error shows.
  await studio.keyboard.press('ControlOrMeta+F');
  await studio.keyboard.insertText('emergency');
  await studio.keyboard.press('Enter');
  await studio.keyboard.press('Escape');
  await studio.keyboard.type('nonsense');
  await expect(status).toContainText('validation error');
  await expect(studio.getByRole('region', { name: 'Problems' })).toContainText('priority');
  // Sending it anyway: the sandbox's 400 and its own message are shown on the call.
  await studio.getByRole('button', { name: 'Send create' }).click();
  const rejected = studio.getByRole('listitem', { name: 'create call' }).first();
  await expect(rejected.getByTestId('call-status')).toHaveText('400');
  await expect(rejected.getByRole('alert')).toContainText(/validation failed — .*priority/i);
  await screenshot(studio, 'journey-09b-validation-error');
  await sampleBox.locator('.monaco-editor .view-lines').click();
  await studio.keyboard.press('ControlOrMeta+F');
  await studio.keyboard.insertText('nonsense');
  await studio.keyboard.press('Enter');
  await studio.keyboard.press('Escape');
  await studio.keyboard.type('emergency');
  await expect(status).toHaveText('✓ Valid against the request schema');

  // ---- sandbox round trip
  await studio.getByRole('button', { name: 'Send create' }).click();
  const createCall = studio.getByRole('listitem', { name: 'create call' }).first();
  await expect(createCall.getByTestId('call-status')).toHaveText('201');
  const recordId = (await createCall.getByTestId('record-id').innerText()).replace(/^ID\s*/, '').trim();
  expect(recordId).toMatch(/\S+/);
  await expect(studio.getByLabel('Record ID', { exact: true })).toHaveValue(recordId);
  await expect(createCall).toContainText(/authorization: Basic [<[]redacted[>\]]/i);
  await expect(createCall).not.toContainText('ZGVtbzpkZW1vLXNhbmRib3gtcGFzcw');
  await studio.getByRole('button', { name: 'Fetch', exact: true }).click();
  await expect(studio.getByRole('listitem', { name: 'fetch call' }).first().getByTestId('call-status')).toHaveText('200');
  const diff = studio.getByRole('region', { name: 'Sent vs returned' });
  await expect(diff).toContainText(recordId);
  await expect(diff).toContainText('Added by the API');
  await screenshot(studio, 'journey-10-create-fetch-diff');
  await studio.getByRole('button', { name: 'Send update' }).click();
  await expect(studio.getByRole('listitem', { name: 'update call' }).first().getByTestId('call-status')).toHaveText('200');
  await screenshot(studio, 'journey-11-update');

  // Attachment upload with a chosen file.
  await studio.getByLabel('Attachment file').setInputFiles({ name: 'site-photo.txt', mimeType: 'text/plain', buffer: Buffer.from('serial label: POS-2-0042\n') });
  await studio.getByRole('button', { name: 'Upload attachment' }).click();
  const upload = studio.getByRole('listitem', { name: 'attachment call' }).first();
  await expect(upload.getByTestId('call-status')).toHaveText('201');
  await expect(upload).toContainText('site-photo.txt');

  // Dark theme: the same screens stay legible.
  await studio.getByRole('button', { name: /^Theme: system/ }).click();
  await studio.getByRole('button', { name: /^Theme: light/ }).click();
  await expect(studio.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(studio, 'journey-12-test-dark');
  await app.go('Mapping');
  await screenshot(studio, 'journey-13-mapping-dark');

  // Nothing typed is lost on reload: the edited sample and the mapping edits come back.
  await studio.reload();
  await expect(studio.getByTestId('project-name')).toContainText('Demo');
  await app.go('Test');
  await expect(studio.getByTestId('sample-editor').locator('.view-lines')).toContainText('"priority": "emergency"');
  await expect(studio.getByTestId('payload').getByRole('button', { name: 'Trace priority', exact: true })).toHaveText('"urgent"');
});
