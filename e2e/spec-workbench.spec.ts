import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, corpusDir, screenshot } from './fixtures';
import { StudioPage } from './pages/studio-page';

test.describe('spec workbench', () => {
  test('the demo project: spec facts, diagnostics, endpoints with reasons and a readiness checklist', async ({ studio }) => {
    const app = new StudioPage(studio);
    await screenshot(studio, '01-start-empty');
    await app.openDemo();
    await screenshot(studio, '02-start-demo-open');

    await app.go('Spec');
    await expect(studio.getByRole('heading', { level: 1 })).toContainText('Demo Field Service Jobs API');
    await expect(studio.getByTestId('count-operations')).toHaveText('5');
    await expect(studio.getByRole('list', { name: 'Servers' })).toContainText('http://');
    await expect(studio.getByTestId('lint-done')).toBeVisible({ timeout: 60_000 });
    await expect(studio.locator('.monaco-editor .view-lines')).toContainText('openapi');
    // The demo spec lints clean: the list says so instead of staying blank.
    await expect(studio.getByTestId('diagnostics-empty')).toHaveText('No diagnostics: the spec lints clean.');
    await screenshot(studio, '03-spec-demo');

    await app.go('Endpoints');
    const fetch = app.role('Record fetch');
    await expect(app.roleOperation('Record fetch')).toHaveValue('GET /jobs/{jobId}');
    await expect(fetch.getByRole('list', { name: 'Why Record fetch' })).toContainText('ID');
    await expect(fetch.getByLabel('ID parameter')).toHaveValue('jobId');
    await expect(app.role('Record create').getByLabel('Record ID path in the response')).toHaveValue('id');
    // The fetch list offers only GET operations: the POST create endpoint is not a candidate.
    await app.roleOperation('Record fetch').click();
    const options = studio.getByRole('listbox').getByRole('option');
    await expect(options.first()).toBeVisible();
    for (const text of await options.allTextContents()) expect(text).toMatch(/^GET/);
    await studio.keyboard.press('Escape');
    const checklist = studio.getByRole('list', { name: 'Readiness checklist' });
    await expect(checklist).toContainText('Basic Auth declared in the spec');
    await expect(studio.getByTestId('readiness')).toHaveText('ready');
    await screenshot(studio, '04-endpoints-demo');

    // Clearing the optional attachment role by keyboard: the checklist still says ready.
    const attachment = app.roleOperation('Attachment upload');
    await attachment.focus();
    await studio.keyboard.press('ArrowDown');
    await studio.keyboard.press('Home');
    await studio.keyboard.press('Enter');
    await expect(attachment).toHaveValue('');
    await expect(app.dirtyIndicator).toHaveAttribute('data-dirty', 'true');

    // Dark theme: the toggle cycles system → light → dark and is remembered across a reload.
    await studio.getByRole('button', { name: /^Theme: system/ }).click();
    await studio.getByRole('button', { name: /^Theme: light/ }).click();
    await expect(studio.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.go('Spec');
    await expect(studio.locator('.monaco-editor.vs-dark')).toBeVisible();
    await screenshot(studio, '09-spec-dark');
    await app.go('Endpoints');
    await screenshot(studio, '09b-endpoints-dark');
    await studio.reload();
    await expect(studio.getByTestId('app-ready')).toBeVisible();
    await expect(studio.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(app.projectName).toContainText('Demo');
    await app.acceptSpecChangeIfAsked();
    await studio.getByRole('button', { name: /^Theme: dark/ }).click();
    await expect(studio.locator('html')).not.toHaveAttribute('data-theme', /./);
  });

  test('a large real spec (Stripe, 4 MB YAML) opens by file input: operations, lint diagnostics, jump to line', async ({ studio, server }) => {
    test.setTimeout(240_000);
    const app = new StudioPage(studio);
    await app.closeProjectIfOpen();
    await app.openSpecFile(join(corpusDir, 'real', 'stripe-spec3.yaml'));
    // A 4 MB document takes seconds: progress is shown meanwhile, never a blank view.
    await expect(studio.getByRole('progressbar', { name: 'Opening the spec' })).toBeVisible();
    await expect(studio.getByRole('heading', { level: 1 })).toContainText('Stripe API', { timeout: 90_000 });
    await expect(studio.getByTestId('count-operations')).toHaveText('468');
    await screenshot(studio, '05-spec-stripe-linting');
    await expect(studio.getByTestId('lint-done')).toBeVisible({ timeout: 180_000 });
    const items = studio.getByRole('list', { name: 'Diagnostics' }).getByRole('button');
    await expect(items.first()).toBeVisible();

    // Pick a diagnostic deep in the file and check that the editor moved to its line.
    await studio.getByLabel('Filter diagnostics').fill('');
    const count = await items.count();
    let picked = -1;
    let line = 0;
    for (let i = 0; i < count; i++) {
      const pos = await items.nth(i).locator('.diag-item__pos').textContent();
      const m = /^(\d+):(\d+)/.exec(pos ?? '');
      if (m && Number(m[1]) > 200) {
        picked = i;
        line = Number(m[1]);
        break;
      }
    }
    expect(picked, 'a diagnostic below line 200').toBeGreaterThanOrEqual(0);
    await items.nth(picked).click();
    await expect(studio.getByTestId('editor-position')).toHaveText(new RegExp(`^Ln ${line},`));
    await expect(studio.locator('.monaco-editor .line-numbers', { hasText: new RegExp(`^${line}$`) })).toBeVisible();
    await screenshot(studio, '06-spec-stripe-jumped');

    // Without a project the Endpoints view shows suggestions only; a project keeps the choices.
    await app.go('Endpoints');
    await expect(studio.getByText('Create a project from this spec to choose and keep endpoints.')).toBeVisible();
    // The default project file (in the studio home) is kept.
    await app.newProjectFromSpec('Stripe connector', null, join(corpusDir, 'real', 'stripe-spec3.yaml'));
    await expect(app.projectName).toHaveAttribute('title', join(server.home, 'stripe-connector.connector.json'));
    await app.go('Endpoints');
    const create = app.roleOperation('Record create');
    await expect(create).not.toHaveValue('');
    await create.click();
    await create.fill('post customers');
    const option = studio.getByRole('option', { name: /\/v1\/customers(?!\/)/ }).first();
    await expect(option).toBeVisible();
    await screenshot(studio, '07-endpoints-stripe-search');
    await option.click();
    await expect(create).toHaveValue('POST /v1/customers');
    await expect(app.role('Record create').getByRole('list', { name: 'Why Record create' })).toBeVisible();
    await expect(app.dirtyIndicator).toHaveAttribute('data-dirty', 'true');
    await screenshot(studio, '07b-endpoints-stripe-picked');
  });

  test('bad input shows a positioned error, never a blank screen', async ({ studio }) => {
    const app = new StudioPage(studio);
    await app.closeProjectIfOpen();
    await app.pasteSpec('openapi: 3.0.0\ninfo:\n  title: broken\n  version: "1"\npaths:\n  /a: [unclosed\n');
    await expect(studio.getByRole('alert')).toContainText(/:\d+:\d+: /);
    await screenshot(studio, '08-spec-unparseable');
    await app.pasteSpec('{"hello": "world"}');
    await expect(studio.getByRole('alert')).toContainText(/not-openapi|OpenAPI/);
  });

  test('a spec file dropped onto the window opens', async ({ studio }) => {
    await new StudioPage(studio).closeProjectIfOpen();
    const text = readFileSync(join(corpusDir, 'real', 'apideck-issue-tracking.yaml'), 'utf8');
    const transfer = await studio.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'apideck-issue-tracking.yaml', { type: 'application/yaml' }));
      return dt;
    }, text);
    await studio.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await expect(studio.getByText('Drop to open the spec')).toBeVisible();
    await studio.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    await expect(studio.getByText('Drop to open the spec')).toBeHidden();
    await expect(studio.getByRole('heading', { level: 1 })).toContainText('Issue Tracking API', { timeout: 60_000 });
    await expect(studio.getByTestId('count-operations')).toHaveText('15');
  });
});
