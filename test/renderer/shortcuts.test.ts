import { describe, expect, it } from 'vitest';
import { resolveShortcut, type KeyLike } from '../../renderer/src/lib/shortcuts';

function key(k: string, mods: Partial<KeyLike> = {}): KeyLike {
  return { key: k, code: mods.code ?? `Key${k.toUpperCase()}`, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('keyboard shortcuts', () => {
  it.each([
    { name: 'Ctrl+S saves', e: key('s', { ctrlKey: true }), mac: false, editable: true, expected: { kind: 'save' } },
    { name: 'Cmd+S saves on macOS', e: key('s', { metaKey: true }), mac: true, editable: false, expected: { kind: 'save' } },
    { name: 'Ctrl+S is not Cmd on macOS', e: key('s', { ctrlKey: true }), mac: true, editable: false, expected: null },
    { name: 'Ctrl+Shift+S is save as', e: key('S', { ctrlKey: true, shiftKey: true }), mac: false, editable: false, expected: { kind: 'save-as' } },
    { name: 'Ctrl+O opens', e: key('o', { ctrlKey: true }), mac: false, editable: true, expected: { kind: 'open' } },
    { name: 'Ctrl+Z undoes a mapping edit', e: key('z', { ctrlKey: true }), mac: false, editable: false, expected: { kind: 'undo' } },
    { name: 'Shift+Ctrl+Z redoes', e: key('Z', { ctrlKey: true, shiftKey: true }), mac: false, editable: false, expected: { kind: 'redo' } },
    { name: 'Ctrl+Y redoes on Windows/Linux', e: key('y', { ctrlKey: true }), mac: false, editable: false, expected: { kind: 'redo' } },
    { name: 'Ctrl+Z in a text field stays text undo', e: key('z', { ctrlKey: true }), mac: false, editable: true, expected: null },
    { name: 'Alt+1 shows the first view', e: key('1', { altKey: true, code: 'Digit1' }), mac: false, editable: true, expected: { kind: 'view', index: 0 } },
    { name: 'Alt+8 shows the eighth view (macOS key is a symbol)', e: key('•', { altKey: true, code: 'Digit8' }), mac: true, editable: false, expected: { kind: 'view', index: 7 } },
    { name: 'Alt+9 is not a view', e: key('9', { altKey: true, code: 'Digit9' }), mac: false, editable: false, expected: null },
    { name: 'a plain letter is nothing', e: key('s'), mac: false, editable: false, expected: null },
  ])('$name', ({ e, mac, editable, expected }) => {
    expect(resolveShortcut(e, editable, mac)).toEqual(expected);
  });
});
