import { test, expect, screenshot } from './fixtures';
import { StudioPage } from './pages/studio-page';

test.describe('project lifecycle', () => {
  test('edit → autosave → reload keeps everything; save; history diff and restore; export dialog', async ({ studio, server }) => {
    const app = new StudioPage(studio);
    await app.openDemo();

    // Edit: a new base URL for a new "production" environment, typed into the Environment panel.
    await app.go('Environment');
    await studio.getByRole('button', { name: '+ production' }).click();
    await expect(studio.getByRole('tab', { name: 'production' })).toHaveAttribute('aria-selected', 'true');
    const baseUrl = studio.getByLabel('Base URL');
    await baseUrl.fill('https://api.example.test/v2');
    await studio.getByLabel('Username').fill('integration-user');
    await expect(app.dirtyIndicator).toHaveAttribute('data-dirty', 'true');
    await expect(app.saveState).toContainText('autosaved', { timeout: 10_000 });
    await screenshot(studio, '10-environment-edited');

    // Reload: the last project reopens with the autosaved work and says so.
    await studio.reload();
    await expect(studio.getByTestId('app-ready')).toBeVisible();
    await expect(app.projectName).toContainText('Demo');
    await expect(studio.getByRole('status', { name: 'Recovered work' })).toBeVisible();
    await expect(app.dirtyIndicator).toHaveAttribute('data-dirty', 'true');
    await app.acceptSpecChangeIfAsked();
    await app.go('Environment');
    await studio.getByRole('tab', { name: 'production' }).click();
    await expect(studio.getByLabel('Base URL')).toHaveValue('https://api.example.test/v2');
    await expect(studio.getByLabel('Username')).toHaveValue('integration-user');
    await screenshot(studio, '11-reloaded-recovered');

    // Typed and reloaded at once, before the autosave delay: the pending autosave is flushed on unload.
    await studio.getByLabel('Username').fill('typed-right-before-reload');
    await studio.reload();
    await expect(studio.getByTestId('app-ready')).toHaveAttribute('data-startup', 'done');
    await app.acceptSpecChangeIfAsked();
    await app.go('Environment');
    await studio.getByRole('tab', { name: 'production' }).click();
    await expect(studio.getByLabel('Username')).toHaveValue('typed-right-before-reload');

    // Save with Ctrl+S: clean again, a new revision.
    await studio.keyboard.press('Control+s');
    await expect(app.dirtyIndicator).toHaveAttribute('data-dirty', 'false');
    await expect(app.saveState).toContainText('Saved');
    await expect(studio.getByRole('status', { name: 'Recovered work' })).toBeHidden();

    // History: the diff between the two newest revisions shows the environment change.
    await studio.keyboard.press('Alt+7');
    await expect(studio.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
    const revisions = studio.getByRole('table', { name: 'Revisions' }).getByRole('row');
    await expect(revisions).not.toHaveCount(0);
    expect(await revisions.count()).toBeGreaterThanOrEqual(3); // header + at least two revisions
    const environmentChanges = studio.getByRole('table', { name: 'Environment changes' });
    await expect(environmentChanges).toContainText('production');
    await expect(environmentChanges).toContainText('https://api.example.test/v2');
    await screenshot(studio, '12-history-diff');

    // Restore the older revision: the production environment disappears, the document is dirty.
    const firstRevision = await studio.getByRole('table', { name: 'Revisions' }).getByRole('button', { name: /^Restore revision/ }).last().getAttribute('aria-label');
    await studio.getByRole('button', { name: firstRevision! }).click();
    await expect(app.dirtyIndicator).toHaveAttribute('data-dirty', 'true');
    await expect(studio.getByRole('combobox', { name: 'Environment' })).not.toContainText('production');
    await studio.keyboard.press('Control+z'); // not a mapping edit: restore is not undone by Ctrl+Z
    await expect(studio.getByRole('combobox', { name: 'Environment' })).not.toContainText('production');

    // Export: the dialog shows the summary, the secret scan and where the bundle went.
    await studio.keyboard.press('Alt+8');
    await expect(studio.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
    const out = `${server.home}/demo-export.bundle.json`;
    await studio.getByLabel('Bundle file').fill(out);
    await studio.getByRole('button', { name: 'Export signed bundle' }).click();
    const dialog = studio.getByRole('dialog', { name: 'Bundle exported' });
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByTestId('export-file')).toHaveText(out);
    await expect(dialog).toContainText('Secret scan: clean.');
    await screenshot(studio, '13-export-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    await studio.getByRole('button', { name: 'Show public key' }).click();
    await expect(studio.getByLabel('Public key JWK')).toContainText('"kty": "OKP"');
    await expect(studio.getByLabel('Public key JWK')).not.toContainText('"d"');
    await screenshot(studio, '14-export-public-key');
  });

  test('save as writes a new file and the project continues there; Ctrl+O opens a project by path', async ({ studio, server }) => {
    const app = new StudioPage(studio);
    await app.openDemo();
    await studio.getByRole('button', { name: 'Save as…' }).click();
    const dialog = studio.getByRole('dialog', { name: 'Save project as' });
    const copy = `${server.home}/demo-copy.connector.json`;
    await dialog.getByLabel('New project file').fill(copy);
    await screenshot(studio, '15-save-as-dialog');
    await dialog.getByRole('button', { name: 'Save as' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.projectName).toHaveAttribute('title', copy);
    await expect(app.dirtyIndicator).toHaveAttribute('data-dirty', 'false');

    await studio.keyboard.press('Control+o');
    const open = studio.getByRole('dialog', { name: 'Open project' });
    await expect(open).toBeVisible();
    await open.getByLabel('Project file').fill(`${server.home}/does-not-exist.connector.json`);
    await open.getByRole('button', { name: 'Open' }).click();
    await expect(open.getByRole('alert')).toContainText('does-not-exist.connector.json');
    await open.getByLabel('Project file').fill(copy);
    await open.getByRole('button', { name: 'Open' }).click();
    await expect(open).toBeHidden();
    await expect(app.projectName).toHaveAttribute('title', copy);
  });

  test('environment panel: password to the keychain, categorised connection test, refresh fields with the comparison', async ({ studio }) => {
    const app = new StudioPage(studio);
    await app.openDemo();
    await app.go('Environment');
    await expect(studio.getByRole('tab', { name: 'sandbox' })).toHaveAttribute('aria-selected', 'true');
    await expect(studio.getByLabel('Base URL')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+/);
    await expect(studio.getByLabel('Username')).toHaveValue('demo');
    const status = studio.getByTestId('credential-status');
    // The demo project has one identity everywhere, so the keychain of this run may already hold
    // its password (the journey stores it): start from "not stored" by forgetting it, as a user would.
    await expect(status).not.toHaveText('checking…');
    if ((await status.textContent())?.startsWith('stored')) await studio.getByRole('button', { name: 'Forget' }).click();
    await expect(status).toHaveText('not stored');

    // A wrong password: stored, but the connection test says authentication failed.
    const password = studio.getByLabel('Password for sandbox');
    await password.fill('not-the-password');
    await studio.getByRole('button', { name: 'Store in keychain' }).click();
    await expect(status).toHaveText('stored in keychain');
    await expect(password).toHaveValue('');
    await studio.getByRole('button', { name: 'Test connection' }).click();
    const result = studio.getByTestId('connection-result');
    await expect(result).toContainText('Authentication failed');
    await expect(result).toContainText('HTTP 401');

    // The right one (from the demo hint): connected.
    await password.fill('demo-sandbox-pass');
    await studio.getByRole('button', { name: 'Store in keychain' }).click();
    await expect(password).toHaveValue('');
    await studio.getByRole('button', { name: 'Test connection' }).click();
    await expect(result).toContainText('Connected');
    await screenshot(studio, '16-environment-connected');

    await studio.getByRole('button', { name: 'Refresh fields' }).click();
    await expect(studio.getByTestId('fields-summary')).toContainText('from the live metadata endpoint');
    const table = studio.getByRole('table', { name: 'Spec vs live fields' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await expect(app.dirtyIndicator).toHaveAttribute('data-dirty', 'true');
    await screenshot(studio, '17-environment-fields');

    await studio.getByRole('button', { name: 'Forget' }).click();
    await expect(status).toHaveText('not stored');
  });
});
