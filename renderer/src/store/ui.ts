import { create } from 'zustand';

/** The shell's views, in navigation order (Alt+1..8). */
export const VIEWS = ['start', 'spec', 'endpoints', 'environment', 'mapping', 'test', 'history', 'export'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = {
  start: 'Start',
  spec: 'Spec',
  endpoints: 'Endpoints',
  environment: 'Environment',
  mapping: 'Mapping',
  test: 'Test',
  history: 'History',
  export: 'Export',
};

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
}

export type DialogName = 'open-project' | 'save-as' | 'new-project' | null;

interface UiState {
  view: View;
  dialog: DialogName;
  setDialog(dialog: DialogName): void;
  theme: ThemeChoice;
  toasts: Toast[];
  setView(view: View): void;
  setTheme(theme: ThemeChoice): void;
  notify(kind: Toast['kind'], message: string): void;
  dismiss(id: number): void;
}

const VIEW_KEY = 'connector-studio.view';
const THEME_KEY = 'connector-studio.theme';

function readStorage(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage may be disabled; preferences then last for the session only.
  }
}

function initialView(): View {
  const saved = readStorage(VIEW_KEY);
  return (VIEWS as readonly string[]).includes(saved ?? '') ? (saved as View) : 'start';
}

function initialTheme(): ThemeChoice {
  const saved = readStorage(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

let nextToastId = 1;

export const useUi = create<UiState>()((set) => ({
  view: initialView(),
  dialog: null,
  setDialog(dialog) {
    set({ dialog });
  },
  theme: initialTheme(),
  toasts: [],
  setView(view) {
    writeStorage(VIEW_KEY, view);
    set({ view });
  },
  setTheme(theme) {
    writeStorage(THEME_KEY, theme);
    set({ theme });
  },
  notify(kind, message) {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message }] }));
    if (kind !== 'error') setTimeout(() => useUi.getState().dismiss(id), 4000);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));

/** Report a failure to the user (toast) without throwing. */
export function notifyError(prefix: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  useUi.getState().notify('error', `${prefix}: ${message}`);
}
