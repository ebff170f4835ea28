import type { BrowserWindow, Dialog, FileFilter } from 'electron';
import type { PickFilePurpose } from '../../shared/common/api/calls-app';

export const SPEC_FILTERS: FileFilter[] = [
  { name: 'OpenAPI / Swagger documents', extensions: ['json', 'yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
];
// Multi-dot extensions are not portable in native filters (macOS), so the filter is *.json.
export const PROJECT_FILTERS: FileFilter[] = [{ name: 'Connector Studio projects (*.connector.json)', extensions: ['json'] }];

/** The `app.pickFile` call: a native open or save dialog attached to the studio window. */
export async function pickFile(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  win: BrowserWindow | null,
  input: { purpose: PickFilePurpose; defaultPath?: string | undefined },
): Promise<{ path: string | null }> {
  const base = input.defaultPath ? { defaultPath: input.defaultPath } : {};
  if (input.purpose === 'save-project') {
    const opts = { ...base, title: 'Save Project', filters: PROJECT_FILTERS, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
    const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    if (r.canceled || !r.filePath) return { path: null };
    const path = r.filePath.toLowerCase().endsWith('.connector.json') ? r.filePath : `${r.filePath.replace(/\.json$/i, '')}.connector.json`;
    return { path };
  }
  const isSpec = input.purpose === 'open-spec';
  const opts = {
    ...base,
    title: isSpec ? 'Open Spec' : 'Open Project',
    filters: isSpec ? SPEC_FILTERS : PROJECT_FILTERS,
    properties: ['openFile' as const],
  };
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  const first = r.filePaths[0];
  return { path: r.canceled || !first ? null : first };
}
