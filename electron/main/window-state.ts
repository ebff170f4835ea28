import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Window size and position, remembered in a small JSON file in the user-data folder. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
export const WINDOW_STATE_FILE = 'window-state.json';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;

/** The saved state, or null when the text is not a usable state (a broken file falls back to defaults). */
export function parseWindowState(text: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isInt(r.width) || !isInt(r.height) || r.width <= 0 || r.height <= 0) return null;
  const state: WindowState = { width: r.width, height: r.height, maximized: r.maximized === true };
  if (isInt(r.x) && isInt(r.y)) {
    state.x = r.x;
    state.y = r.y;
  }
  return state;
}

/**
 * Makes a saved state fit today's displays: size clamped to the largest work area (and the minimum
 * size), position dropped (so the window is centred) unless a 100×40 strip of its title bar lies
 * on some display — a monitor that was unplugged must not hide the window.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Area[]): WindowState {
  const maxW = Math.max(MIN_WIDTH, ...workAreas.map((a) => a.width));
  const maxH = Math.max(MIN_HEIGHT, ...workAreas.map((a) => a.height));
  const out: WindowState = {
    width: Math.min(Math.max(state.width, MIN_WIDTH), maxW),
    height: Math.min(Math.max(state.height, MIN_HEIGHT), maxH),
    maximized: state.maximized,
  };
  if (state.x === undefined || state.y === undefined) return out;
  const strip = { x: state.x, y: state.y, width: Math.min(out.width, 100), height: 40 };
  const visible = workAreas.some(
    (a) =>
      strip.x >= a.x &&
      strip.y >= a.y &&
      strip.x + strip.width <= a.x + a.width &&
      strip.y + strip.height <= a.y + a.height,
  );
  if (visible) {
    out.x = state.x;
    out.y = state.y;
  }
  return out;
}

export function loadWindowState(file: string, workAreas: readonly Area[]): WindowState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return fitToDisplays(DEFAULT_WINDOW_STATE, workAreas);
  }
  return fitToDisplays(parseWindowState(text) ?? DEFAULT_WINDOW_STATE, workAreas);
}

/** Writes the state atomically (temp file + rename), so a crash never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n', 'utf8');
  renameSync(tmp, file);
}

/** The parts of a BrowserWindow the tracker uses. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close' | 'maximize' | 'unmaximize', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  getNormalBounds(): Area;
}

/** Saves the window's normal bounds when it moves or resizes (debounced) and when it closes. */
export function trackWindowState(win: TrackedWindow, file: string, debounceMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const capture = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    try {
      saveWindowState(file, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
    } catch {
      // Remembering the window is a convenience: a read-only profile must not break the app.
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      capture();
    }, debounceMs);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e, later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    timer = null;
    capture();
  });
}
