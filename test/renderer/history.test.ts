import { describe, expect, it } from 'vitest';
import { emptyHistory, HISTORY_LIMIT, recordEdit, redoEdit, undoEdit } from '../../renderer/src/store/history';

describe('undo history', () => {
  it('undoes and redoes edits in order, with their labels', () => {
    let h = emptyHistory<number>();
    h = recordEdit(h, 'one', 0, 1);
    h = recordEdit(h, 'two', 1, 2);
    const u1 = undoEdit(h)!;
    expect(u1).toMatchObject({ value: 1, label: 'two' });
    const u2 = undoEdit(u1.history)!;
    expect(u2).toMatchObject({ value: 0, label: 'one' });
    expect(undoEdit(u2.history)).toBeNull();
    const r1 = redoEdit(u2.history)!;
    expect(r1).toMatchObject({ value: 1, label: 'one' });
    const r2 = redoEdit(r1.history)!;
    expect(r2).toMatchObject({ value: 2, label: 'two' });
    expect(redoEdit(r2.history)).toBeNull();
  });

  it('drops the redo branch when a new edit is made after an undo', () => {
    let h = recordEdit(recordEdit(emptyHistory<string>(), 'a', '', 'a'), 'b', 'a', 'ab');
    h = undoEdit(h)!.history;
    expect(h.future).toHaveLength(1);
    h = recordEdit(h, 'c', 'a', 'ac');
    expect(h.future).toHaveLength(0);
    expect(redoEdit(h)).toBeNull();
    expect(undoEdit(h)!.value).toBe('a');
  });

  it('ignores edits that change nothing (same reference)', () => {
    const value = { x: 1 };
    const h = recordEdit(emptyHistory<object>(), 'noop', value, value);
    expect(h.past).toHaveLength(0);
  });

  it(`keeps at most ${HISTORY_LIMIT} steps, dropping the oldest`, () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 25; i++) h = recordEdit(h, `e${i}`, i, i + 1);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]!.label).toBe('e25');
  });
});
