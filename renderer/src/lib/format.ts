/** Display formatting shared by views (pure). */

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' })} ${d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export const FORMAT_LABELS: Record<string, string> = {
  'swagger-2.0': 'Swagger 2.0',
  'openapi-3.0': 'OpenAPI 3.0',
  'openapi-3.1': 'OpenAPI 3.1',
};

export interface SaveLine {
  text: string;
  tone: 'muted' | 'warn' | 'err';
}

/** The top bar's one-line save state. */
export function describeSaveState(input: {
  hasDoc: boolean;
  dirty: boolean;
  saveStatus: 'idle' | 'saving' | 'saved' | 'error';
  saveAt: string | null;
  autosaveStatus: 'idle' | 'pending' | 'saving' | 'saved' | 'error';
  autosaveAt: string | null;
  autosaveError: string | null;
}): SaveLine {
  if (!input.hasDoc) return { text: 'No project open', tone: 'muted' };
  if (input.saveStatus === 'saving') return { text: 'Saving…', tone: 'muted' };
  if (input.saveStatus === 'error') return { text: 'Save failed', tone: 'err' };
  if (!input.dirty) return { text: input.saveAt ? `Saved ${formatTime(input.saveAt)}` : 'All changes saved', tone: 'muted' };
  switch (input.autosaveStatus) {
    case 'pending':
    case 'saving':
      return { text: 'Unsaved · autosaving…', tone: 'warn' };
    case 'saved':
      return { text: `Unsaved · autosaved ${formatTime(input.autosaveAt)}`, tone: 'warn' };
    case 'error':
      return { text: `Autosave failed: ${input.autosaveError ?? 'unknown error'}`, tone: 'err' };
    default:
      return { text: 'Unsaved changes', tone: 'warn' };
  }
}
