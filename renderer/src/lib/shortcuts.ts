/** Keyboard shortcut resolution (pure; the shell binds it to window keydown). */
export type ShortcutAction =
  | { kind: 'save' }
  | { kind: 'save-as' }
  | { kind: 'open' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'view'; index: number };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * `editable` tells whether focus is in a text field or editor: there Ctrl/Cmd+Z belongs to the
 * text (native undo), so mapping undo/redo is not taken. Save/open and view keys work everywhere.
 */
export function resolveShortcut(e: KeyLike, editable: boolean, isMac: boolean): ShortcutAction | null {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey) {
    if (key === 's') return e.shiftKey ? { kind: 'save-as' } : { kind: 'save' };
    if (key === 'o' && !e.shiftKey) return { kind: 'open' };
    if (editable) return null;
    if (key === 'z') return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (key === 'y' && !isMac) return { kind: 'redo' };
    return null;
  }
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    const m = /^Digit([1-8])$/.exec(e.code);
    if (m) return { kind: 'view', index: Number(m[1]) - 1 };
  }
  return null;
}

/** Whether a keyboard event target is a text-editing surface. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.closest('.monaco-editor')) return true;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
  }
  return false;
}
