import { expect, type Locator, type Page } from '@playwright/test';

export type ViewName = 'Start' | 'Spec' | 'Endpoints' | 'Environment' | 'Mapping' | 'Test' | 'History' | 'Export';

/** Page object for the studio shell: navigation, top bar, start screen actions. */
export class StudioPage {
  constructor(readonly page: Page) {}

  nav(view: ViewName): Locator {
    return this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}\\b`) });
  }

  async go(view: ViewName): Promise<void> {
    await this.nav(view).click();
    await expect(this.page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  }

  get saveState(): Locator {
    return this.page.getByTestId('save-state');
  }

  get dirtyIndicator(): Locator {
    return this.page.getByTestId('dirty-indicator');
  }

  get projectName(): Locator {
    return this.page.getByTestId('project-name');
  }

  async openDemo(): Promise<void> {
    await this.acceptSpecChangeIfAsked();
    await this.go('Start');
    await this.page.getByRole('button', { name: 'Open demo project' }).click();
    await expect(this.page.getByRole('status', { name: 'Demo sandbox' })).toBeVisible();
    await expect(this.projectName).toContainText('Demo');
    await this.acceptSpecChangeIfAsked();
  }

  /**
   * project.open reports a changed spec in the same state update that opens the project, so the
   * impact dialog is either open now or not at all.
   */
  async acceptSpecChangeIfAsked(): Promise<boolean> {
    const dialog = this.page.getByRole('dialog', { name: 'The spec changed on disk' });
    if (!(await dialog.isVisible())) return false;
    await expect(dialog.getByRole('button', { name: 'Accept the new spec' })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Accept the new spec' }).click();
    await expect(dialog).toBeHidden();
    return true;
  }

  /** Creates a project from the opened spec through the New project dialog. */
  async newProjectFromSpec(name: string, projectPath: string | null, specPath: string): Promise<void> {
    await this.go('Start');
    await this.page.getByRole('button', { name: 'New project from this spec…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Project name').fill(name);
    if (projectPath !== null) await dialog.getByLabel('Project file').fill(projectPath);
    await dialog.getByLabel('Spec file').fill(specPath);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.projectName).toHaveText(name);
  }

  /**
   * Tests of one file share a STUDIO_HOME, so the studio may start with the previous test's
   * project reopened: close it (its work stays autosaved) for a test that starts from nothing.
   */
  async closeProjectIfOpen(): Promise<void> {
    await this.acceptSpecChangeIfAsked();
    if (!(await this.projectName.isVisible())) return;
    await this.go('Start');
    await this.page.getByRole('button', { name: 'Close project' }).click();
    await expect(this.projectName).toBeHidden();
  }

  /** Opens a spec through the file input (what the "Choose a file…" button drives). */
  async openSpecFile(path: string): Promise<void> {
    await this.go('Start');
    await this.page.getByLabel('Spec file').setInputFiles(path);
  }

  async pasteSpec(text: string): Promise<void> {
    await this.go('Start');
    await this.page.getByLabel('Paste a spec').fill(text);
    await this.page.getByRole('button', { name: 'Open pasted text' }).click();
  }

  /** The role group of the Endpoints view. */
  role(title: string): Locator {
    return this.page.getByRole('group', { name: title });
  }

  /** The searchable operation dropdown of a role. */
  roleOperation(title: string): Locator {
    return this.role(title).getByRole('combobox', { name: `${title} operation` });
  }

  /** Picks an operation for a role by typing into its searchable dropdown. */
  async pickEndpoint(roleTitle: string, search: string, optionText: RegExp | string): Promise<void> {
    const combo = this.roleOperation(roleTitle);
    await combo.click();
    await combo.fill(search);
    await this.page.getByRole('option', { name: optionText }).first().click();
  }
}
