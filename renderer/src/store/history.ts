/**
 * Undo/redo for domain edits only: a bounded stack of labelled snapshots. Pure functions so the
 * store stays thin and the rules are unit-tested (test/renderer/history.test.ts).
 */
export interface HistoryEntry<T> {
  label: string;
  /** The value before the edit (undo restores it). */
  before: T;
  /** The value after the edit (redo restores it). */
  after: T;
}

export interface UndoHistory<T> {
  past: HistoryEntry<T>[];
  future: HistoryEntry<T>[];
}

export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): UndoHistory<T> {
  return { past: [], future: [] };
}

/** Records an edit; a new edit drops the redo branch. Edits that change nothing are not recorded. */
export function recordEdit<T>(history: UndoHistory<T>, label: string, before: T, after: T): UndoHistory<T> {
  if (Object.is(before, after)) return history;
  const past = [...history.past, { label, before, after }];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [] };
}

/** The value to restore and the next history, or null when there is nothing to undo. */
export function undoEdit<T>(history: UndoHistory<T>): { value: T; label: string; history: UndoHistory<T> } | null {
  const last = history.past[history.past.length - 1];
  if (!last) return null;
  return {
    value: last.before,
    label: last.label,
    history: { past: history.past.slice(0, -1), future: [last, ...history.future] },
  };
}

export function redoEdit<T>(history: UndoHistory<T>): { value: T; label: string; history: UndoHistory<T> } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    value: next.after,
    label: next.label,
    history: { past: [...history.past, next], future: history.future.slice(1) },
  };
}
